import * as Y from 'yjs';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { isNarrativeEmpty, narrativeFragment } from '../../shared/narrative.js';
import { can } from '../../shared/permissions.js';
import { roundIdFromTitle, type RoundDetail } from '../../shared/round.js';
import type { NewRound } from '../../shared/roundRequests.js';
import type { RoundEvent } from '../../shared/api.js';
import { conflict, forbidden, invalid } from '../domain/DomainError.js';
import { loadRound } from '../domain/loaders.js';
import type { Store } from '../store/types.js';
import { userActor, type AuditNote, type Command } from './command.js';
import { recordSnapshot } from './takeSnapshot.js';

/** The first free id from `base`: `base`, `base-2`, `base-3`, ... */
async function freeId(tx: Store, base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base.slice(0, 60)}-${i}`;
    if (!(await tx.getRound(id))) return id;
  }
}

/** `POST /api/rounds` (coordinator): a new round from the latest one, every measure's fields, plan text and narrative carried over. */
export function createRound(user: SessionUser, request: NewRound): Command<RoundDetail> {
  return async (tx, deps) => {
    const { narratives, now, log } = deps;
    if (!can(actorOf(user), { kind: 'coordinate' })) throw forbidden('only the coordinator may do this');
    if (Date.parse(request.deadline) <= now().getTime()) throw invalid('deadline', 'a new round needs a deadline in the future');
    const previous = await tx.latestRound();
    if (!previous) throw conflict('there is no round to carry content over from');
    // A new round must not hide one still open: the coordinator says what becomes of it (the
    // client asks); without a word, it stays open until its own deadline.
    const open = (await tx.listRounds()).filter((round) => round.state === 'open');
    const events: RoundEvent[] = [];
    const audit: AuditNote[] = [];
    if (request.openRounds === 'freeze') {
      for (const round of open) {
        const frozen = await recordSnapshot(tx, deps, round.id, { reason: 'new_round', by: user, note: null, freezeFor: round.deadline });
        events.push(...frozen.events);
        // Recorded as the deadline's freeze is (freezeDueRounds), but the coordinator's.
        audit.push({
          actor: userActor(user),
          kind: 'round.freeze',
          target: { roundId: round.id, measure: null, id: frozen.summary.id },
          before: { state: 'open' },
          after: { state: 'frozen', deadline: round.deadline, reason: frozen.summary.reason },
        });
      }
    }
    const id = request.id ?? (await freeId(tx, roundIdFromTitle(request.title)));
    if (await tx.getRound(id)) throw conflict(`round ${id} exists already`, 'id');
    const measures = [];
    for (const m of await tx.listMeasures(previous.id)) {
      const carriedFrom = measureDocName(previous.id, m.number);
      const { state, empty, clients } = await narratives.read(
        carriedFrom,
        (doc) => ({ state: Y.encodeStateAsUpdate(doc), empty: isNarrativeEmpty(narrativeFragment(doc)), clients: [...doc.store.clients.keys()] }),
        tx,
      );
      // Who wrote what stays known in the new round: every client id of the text keeps its author
      // (none for text from before authors were recorded), marked as carried over.
      const claims = (await tx.documentClients(carriedFrom)).map((claim) => ({ ...claim, carriedOver: true }));
      const claimed = new Set(claims.map((claim) => claim.clientId));
      for (const clientId of clients) if (!claimed.has(clientId)) claims.push({ clientId, author: null, carriedOver: true });
      measures.push({
        number: m.number,
        title: m.title,
        planText: m.planText,
        status: m.status,
        narrativeEmpty: empty,
        docName: measureDocName(id, m.number),
        initialUpdate: state,
        carriedFrom,
        claims,
      });
    }
    await tx.createRound({
      id,
      title: request.title,
      deadline: request.deadline,
      intro: request.intro,
      previousRoundId: previous.id,
      createdAt: now().toISOString(),
      createdBy: user.username,
      measures,
    });
    log(`${user.username} created round ${id} from ${previous.id}${request.openRounds === 'freeze' && open.length > 0 ? `, freezing ${open.map((r) => r.id).join(', ')}` : ''}`);
    const frozen = request.openRounds === 'freeze' ? open.map((round) => round.id) : [];
    return {
      result: await loadRound(tx, id),
      events,
      audit: [
        ...audit,
        {
          actor: userActor(user),
          kind: 'round.create',
          target: { roundId: id, measure: null, id: null },
          before: null,
          after: { title: request.title, deadline: request.deadline, previousRoundId: previous.id, frozen },
        },
      ],
    };
  };
}
