import { useCallback, useSyncExternalStore } from 'react';
import { PresenceUserSchema, type PresenceUser } from '../../../shared/awareness.js';
import { tMeasure } from '../strings/measure.js';
import { MINISTRIES } from '../../../shared/ministries.js';
import type { CollabSession } from './collabSession.js';

interface Present extends PresenceUser {
  clientId: number;
}

function others(session: CollabSession): Present[] {
  const own = session.doc.clientID;
  const list: Present[] = [];
  for (const [clientId, state] of session.provider.awareness.getStates()) {
    if (clientId === own) continue;
    const user = PresenceUserSchema.safeParse((state as { user?: unknown }).user);
    if (user.success) list.push({ clientId, ...user.data });
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

/** The others present, as of the awareness' last change (one list per change, for React). */
const present = new WeakMap<CollabSession, Present[]>();

function presentOf(session: CollabSession): Present[] {
  let list = present.get(session);
  if (!list) {
    list = others(session);
    present.set(session, list);
  }
  return list;
}

/** Who else is on this measure: name, ministry and the colour of their caret. */
export function Presence({ session }: { session: CollabSession }) {
  const subscribe = useCallback(
    (listener: () => void) => {
      const update = (): void => {
        present.set(session, others(session));
        listener();
      };
      session.provider.awareness.on('change', update);
      return () => session.provider.awareness.off('change', update);
    },
    [session],
  );
  const people = useSyncExternalStore(subscribe, () => presentOf(session));

  return (
    <section aria-labelledby="presence-title" className="presence">
      <h2 id="presence-title" className="presence__title">
        {tMeasure.presenceTitle}
      </h2>
      {people.length === 0 && <p className="presence__empty">{tMeasure.presenceAlone}</p>}
      <ul data-testid="presence" className="presence__list">
          {people.map((p) => (
            <li key={p.clientId} data-client-id={p.clientId} data-color={p.color} className="presence__person">
              <span className="presence__swatch" style={{ backgroundColor: p.color }} aria-hidden="true" />
              <span>
                {p.name}
                {p.ministry && (
                  <>
                    {' '}
                    <abbr title={MINISTRIES[p.ministry]}>({p.ministry})</abbr>
                  </>
                )}
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}
