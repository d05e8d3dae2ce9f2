import * as Y from 'yjs';
import { appendParagraphs, narrativeFragment } from '../../shared/narrative.js';
import { UpdateGuard, type UpdateVerdict } from '../../server/sync/updateGuard.js';

/** The server's document and its guard, and a client's copy of it. */
export interface GuardSetup {
  server: Y.Doc;
  guard: UpdateGuard;
  client: Y.Doc;
}

/** A server document (two paragraphs, unless `prepare` writes another), its guard, and a client holding the same. */
export function guardSetup(prepare: (doc: Y.Doc) => void = (doc) => appendParagraphs(narrativeFragment(doc), ['Første avsnitt.', 'Andre avsnitt.'])): GuardSetup {
  const server = new Y.Doc();
  prepare(server);
  const guard = new UpdateGuard(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, guard, client };
}

/** The guard's verdict on an update JD sends (`mayCopy` as the room passes it); applied to the server's document when accepted. */
export function sendUpdate({ server, guard }: GuardSetup, update: Uint8Array, mayCopy?: () => boolean): UpdateVerdict {
  const verdict = guard.check(update, Y.decodeUpdate(update), 'jd', mayCopy);
  if (verdict.kind === 'apply') Y.applyUpdate(server, update);
  return verdict;
}

/** The guard's verdict on what `change` does to the client's copy; applied to the server's document when accepted. */
export function sendChange(s: GuardSetup, change: (doc: Y.Doc) => void, mayCopy?: () => boolean): UpdateVerdict {
  const before = Y.encodeStateVector(s.client);
  change(s.client);
  return sendUpdate(s, Y.encodeStateAsUpdate(s.client, before), mayCopy);
}

/** The narrative's first child, a paragraph in the documents these tests build. */
export const firstParagraph = (doc: Y.Doc): Y.XmlElement => narrativeFragment(doc).get(0) as Y.XmlElement;

/** A `mayCopy` that answers `answer` and counts how often it was asked. */
export function asking(answer: boolean): { mayCopy: () => boolean; asked: () => number } {
  let asked = 0;
  return {
    mayCopy: () => {
      asked++;
      return answer;
    },
    asked: () => asked,
  };
}
