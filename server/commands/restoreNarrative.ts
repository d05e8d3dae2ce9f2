import { actorOf, type SessionUser } from '../../shared/auth.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { can } from '../../shared/permissions.js';
import { conflict, forbidden } from '../domain/DomainError.js';
import { loadRoundMeasure, loadVersion } from '../domain/loaders.js';
import { DOCUMENT_WORK_AT_ONCE, TooMuchDocumentWorkError } from '../sync/documentWork.js';
import { narrativeAt } from '../history/readHistory.js';
import type { AppendedUpdate } from '../store/types.js';
import { userActor, type Command, type NarrativeEditor } from './command.js';

/**
 * `POST …/measures/:number/history/:versionId/restore`: makes the narrative what it was after a
 * version, as a new edit by the restorer, made like any edit (the minimal change to the loaded
 * document, stored and relayed by it), so that whoever types meanwhile keeps their text. Who may
 * write the measure may restore it. Answers the promise of the stored edit (null: nothing to
 * change), which settles only after this command's transaction: the caller awaits it, never the
 * command. `editor` is the measure's document, loaded and held by the caller (a load reads the
 * store, so it cannot happen inside the transaction). A restore that gets past the checks copies
 * the document and diffs the narrative: it takes one from the account's allowance of such work
 * (`takeDocumentWork`), and is refused as busy when none is left.
 */
export function restoreNarrative(
  user: SessionUser,
  roundId: string,
  number: string,
  versionKey: string,
  editor: NarrativeEditor,
  takeDocumentWork: () => boolean,
): Command<{ stored: Promise<AppendedUpdate | null> } | null> {
  return async (tx, { now }) => {
    const { round, measure } = await loadRoundMeasure(tx, roundId, number);
    const roundFrozen = round.state !== 'open';
    if (!can(actorOf(user), { kind: 'writeMeasure', ministries: measure.ministries, roundFrozen })) {
      throw forbidden(roundFrozen ? `round ${roundId} is frozen` : `measure ${measure.number} is written by ${measure.ministries.join(', ')}`);
    }
    const docName = measureDocName(roundId, measure.number);
    const version = await loadVersion(tx, docName, versionKey);
    if (!takeDocumentWork()) {
      throw new TooMuchDocumentWorkError(`more restores and updates judged on a copy of a document than ${DOCUMENT_WORK_AT_ONCE} at once; try again shortly`);
    }
    const then = await narrativeAt(tx, docName, version.lastId);
    if (then.problem) throw conflict(`version ${versionKey} cannot be restored: its narrative is past the limits (${then.problem})`);
    let change;
    try {
      // Loaded at the first restore: it brings Tiptap's schema, which a server seldom needs.
      change = (await import('../history/restoreEdit.js')).restoreTo(then.doc);
    } catch (error) {
      throw conflict(`version ${versionKey} cannot be restored: the editor cannot hold its narrative (${error instanceof Error ? error.message : String(error)})`);
    }
    // Its row is stored with the edit's update, in the document's own write right after this
    // transaction (the store runs its calls one at a time): neither is ever stored without the other.
    const prepared = editor.prepareRestore(
      {
        author: user.username,
        restoredFrom: version.id,
        audit: {
          at: now().toISOString(),
          actor: userActor(user),
          kind: 'narrative.restore',
          target: { roundId, measure: measure.number, id: versionKey },
          before: null,
          after: { version: versionKey, versionAuthor: version.author, versionTo: version.endedAt },
        },
      },
      change,
    );
    if (prepared.kind === 'unchanged') return { result: null, events: [] };
    if (prepared.kind === 'refused') throw conflict(`version ${versionKey} cannot be restored: ${prepared.reason}`);
    // Applied last, when nothing is left to fail but the commit of a transaction that wrote nothing.
    // Whatever the document now holds beyond the version (someone's text typed meanwhile) merges
    // with the edit as any concurrent edit does; the narrative's state follows through the sync
    // layer (recordNarrativeState), as for any stored update.
    return { result: { stored: prepared.apply() }, events: [] };
  };
}
