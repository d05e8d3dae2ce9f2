import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import { fetchAuthorship } from '../api/history.js';
import type { CollabSession } from '../editor/collabSession.js';
import { useResource } from '../useResource.js';
import { writerRuns, writtenPassages, type LegendEntry, type LocalWriter, type Writer, type WrittenPassage } from './authorship.js';
import { authorshipKey, authorshipPlugin, editorRuns, mountedNarrativeEditor, paint, type Passage } from './authorshipPlugin.js';
import { legendId, writerClass, writerName, writerPassageTitle } from './writerWords.js';

/** How soon after a change of the text its passages are computed again (changes in between are mapped). */
const REPAINT_MS = 60;
/** How soon to try again when the editor had not yet shown a change of the Yjs document. */
const RETRY_MS = 200;

/** The narrative editor once it is mounted (it mounts after the document is opened, and anew per session). */
function useMountedEditor(enabled: boolean): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  useEffect(() => {
    if (!enabled) return;
    // The same editor again changes nothing (React keeps a state set to what it was).
    const look = (): void => setEditor(mountedNarrativeEditor());
    look();
    const observer = new MutationObserver(look);
    observer.observe(document.getElementById('main') ?? document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [enabled]);
  return enabled ? editor : null;
}

function passageOf(from: number, to: number, writer: Writer): Passage {
  const name = writerName(writer);
  return {
    from,
    to,
    attrs: {
      class: writerClass(writer),
      title: writerPassageTitle(writer),
      'data-author': writer.username ?? '',
      'data-author-name': name,
      'data-carried-over': String(writer.carriedOver),
      'aria-describedby': legendId(writer),
    },
  };
}

/**
 * *Vis hvem som skrev hva*: while `enabled`, reads who introduced each client id, paints the
 * mounted editor's text by writer (again after every change of the Yjs document), and answers the
 * legend. Client ids the server did not name (someone new) make it ask once more.
 */
export function useAuthorship({ enabled, roundId, number, session, user }: { enabled: boolean; roundId: string; number: number; session: CollabSession | null; user: SessionUser }) {
  const editor = useMountedEditor(enabled);
  const authors = useResource(enabled ? `${roundId}.${number}` : null, (signal) => fetchAuthorship(roundId, number, signal));
  const [legend, setLegend] = useState<LegendEntry[] | null>(null);
  const [passages, setPassages] = useState<WrittenPassage[]>([]);
  const asked = useRef(new Set<number>());
  const { data: authorship, refetch } = authors;

  useEffect(() => {
    // Painted once the server has said who is who, so that nobody shows as unknown meanwhile.
    if (!editor || !session || !authorship) return;
    const local: LocalWriter = { clientId: session.doc.clientID, username: user.username, name: user.name, ministry: user.ministry };
    editor.registerPlugin(authorshipPlugin());
    const fragment = session.doc.getXmlFragment(NARRATIVE_FIELD);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const repaint = (): void => {
      timer = null;
      if (editor.isDestroyed) return;
      const runs = editorRuns(editor);
      if (runs === null) {
        schedule(RETRY_MS);
        return;
      }
      const painted = writerRuns(runs, authorship, local);
      paint(editor, painted.runs.map((run) => passageOf(run.from, run.to, run.writer)));
      setLegend(painted.legend);
      const { doc } = editor.state;
      setPassages(writtenPassages(painted.runs, (from, to) => doc.textBetween(from, to, ' ')));
      const fresh = painted.unknown.filter((client) => !asked.current.has(client));
      if (fresh.length > 0) {
        for (const client of fresh) asked.current.add(client);
        refetch();
      }
    };
    const schedule = (ms = REPAINT_MS): void => {
      if (timer === null) timer = setTimeout(repaint, ms);
    };
    const onChange = (): void => schedule();
    fragment.observeDeep(onChange);
    schedule(0);
    return () => {
      fragment.unobserveDeep(onChange);
      if (timer !== null) clearTimeout(timer);
      if (!editor.isDestroyed) editor.unregisterPlugin(authorshipKey);
    };
  }, [editor, session, authorship, refetch, user]);

  return {
    legend: enabled ? legend : null,
    passages,
    loading: enabled && authorship === null && authors.error === null,
    failed: enabled && authors.error !== null && authorship === null,
  };
}
