import type { TestClient } from './clients.js';

/**
 * Watches the presence (awareness) states stock clients receive from the sync server, for
 * what a stock editor could not show: a state without the server-stamped user of a known
 * session, or a cursor that is neither null nor two relative positions (y-prosemirror resolves
 * `cursor.anchor` and `cursor.head` and throws on anything else). Also records the most states
 * a client held at once: one connection must not fill everyone's presence list.
 */
export class PresenceWatch {
  private readonly problems: string[] = [];
  private mostStates = 0;
  private readonly stops: (() => void)[] = [];

  constructor(
    clients: readonly TestClient[],
    private readonly usernames: ReadonlySet<string>,
  ) {
    for (const client of clients) {
      const awareness = client.provider.awareness;
      const onChange = ({ added, updated }: { added: number[]; updated: number[] }): void => {
        this.mostStates = Math.max(this.mostStates, awareness.getStates().size);
        for (const id of [...added, ...updated]) {
          if (id === awareness.clientID) continue;
          const problem = this.check(awareness.getStates().get(id));
          if (problem && this.problems.length < 5) this.problems.push(`client ${id}: ${problem}`);
        }
      };
      awareness.on('change', onChange);
      this.stops.push(() => awareness.off('change', onChange));
    }
  }

  /** Up to five states that no stock editor could show, as found. */
  get unrenderable(): readonly string[] {
    return this.problems;
  }

  /** The most presence states one watched client held at once. */
  get mostStatesAtOnce(): number {
    return this.mostStates;
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private check(state: unknown): string | null {
    if (typeof state !== 'object' || state === null) return `state ${brief(state)}`;
    const { user, cursor } = state as { user?: unknown; cursor?: unknown };
    const { name, username, color } = (typeof user === 'object' && user !== null ? user : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '' || typeof username !== 'string' || !this.usernames.has(username)) {
      return `user not stamped by the server: ${brief(user)}`;
    }
    if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) return `caret colour ${brief(color)}`;
    if (cursor !== undefined && cursor !== null && !(isRelativePosition(cursor, 'anchor') && isRelativePosition(cursor, 'head'))) {
      return `cursor ${brief(cursor)}`;
    }
    return null;
  }
}

/** A relative position as Y.relativePositionToJSON writes it: it names an item, a type or a root. */
function isRelativePosition(cursor: object, key: 'anchor' | 'head'): boolean {
  const position = (cursor as Record<string, unknown>)[key];
  if (typeof position !== 'object' || position === null) return false;
  const { item, type, tname } = position as Record<string, unknown>;
  const isId = (id: unknown): boolean =>
    typeof id === 'object' && id !== null && Number.isInteger((id as { client?: unknown }).client) && Number.isInteger((id as { clock?: unknown }).clock);
  return isId(item) || isId(type) || typeof tname === 'string';
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
