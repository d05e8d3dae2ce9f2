import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { narrativeFragment } from '../../../../shared/narrative.js';
import type { ImportSuggestion, ImportWarning } from '../../../../shared/plan.js';
import { ApiRequestError, patchMeasure } from '../../api.js';
import type { CollabSession } from '../../editor/collabSession.js';
import { tImportNotes } from '../../strings/importNotes.js';
import { applyInNarrative, findInNarrative } from '../../suggestions/narrativeSuggestion.js';
import { applyToText, suggestionState, type SuggestionState } from '../../suggestions/textSuggestion.js';

/** What the import notes need from the measure page. */
export interface ImportNotesModel {
  roundId: string;
  number: number;
  warnings: readonly ImportWarning[];
  /** The measure's title and plan text as they are now (undefined until known). */
  title: string | undefined;
  planText: string | undefined;
  /** This person's copy of the narrative, where narrative suggestions are applied. */
  session: CollabSession | null;
  /** The coordinator: the one who may apply suggestions (the server refuses anyone else). */
  coordinator: boolean;
  /** The narrative takes edits now (not while edits the server refused for a limit rest). */
  narrativeEditable: boolean;
  /** Takes the server's answer to a change of the title or plan text (with the plan text sent). */
  onSaved: (measure: MeasureSummary, planText?: string) => void;
}

/** One import note as the page shows it. */
export interface ImportNote {
  warning: ImportWarning;
  /** Where its suggestion stands now; null without a suggestion or while the field is not loaded. */
  state: SuggestionState | null;
  /** Offer *Bruk forslaget*. */
  canApply: boolean;
  applying: boolean;
}

/** Whether this person's copy of the narrative holds the measure's text yet (from the server, or kept offline). */
function narrativeLoaded(session: CollabSession): boolean {
  return session.provider.synced || (session.local.synced && narrativeFragment(session.doc).length > 0);
}

/**
 * Where each narrative suggestion stands in this person's copy of the narrative, following every
 * change to it (typing, others' edits, the copy loading); null until the text is loaded, when an
 * empty document would make every suggestion look applied.
 */
function useNarrativeStates(session: CollabSession | null, suggestions: readonly (ImportSuggestion | undefined)[]): (SuggestionState | null)[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!session) return () => undefined;
      session.doc.on('update', onChange);
      session.local.on('synced', onChange);
      const stop = session.subscribe(onChange);
      return () => {
        session.doc.off('update', onChange);
        session.local.off('synced', onChange);
        stop();
      };
    },
    [session],
  );
  // A string, so that an update that changes no state renders nothing.
  const states = useSyncExternalStore(subscribe, () => {
    if (!session || !narrativeLoaded(session)) return '';
    const fragment = narrativeFragment(session.doc);
    return suggestions.map((s) => (s?.field === 'narrative' ? findInNarrative(fragment, s).state : '-')).join(' ');
  });
  return useMemo(() => {
    const parts = states === '' ? [] : states.split(' ');
    return suggestions.map((_, i) => (parts[i] === undefined || parts[i] === '-' ? null : (parts[i] as SuggestionState)));
  }, [states, suggestions]);
}

/** What to say about a refused suggestion. */
function refusal(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return tImportNotes.suggestionUnreachable;
  if (error.status === 403) return tImportNotes.suggestionForbidden;
  if (error.status === 409) return tImportNotes.suggestionGone;
  // The server's own message is in English: the person is told in Norwegian.
  return tImportNotes.suggestionFailed;
}

/**
 * The measure's import notes and their suggestions: where each suggestion stands now (its
 * `find` still in the field, gone, or there more than once), and applying one as an ordinary
 * edit: a PATCH of the title or plan text with `find` replaced, or an edit of the narrative's
 * Y.Doc that the sync sends like typing.
 */
export function useSuggestions(model: ImportNotesModel) {
  const { roundId, number, warnings, title, planText, session, coordinator, narrativeEditable, onSaved } = model;
  const suggestions = useMemo(() => warnings.map((w) => w.suggestion), [warnings]);
  const narrative = useNarrativeStates(session, suggestions);
  const [applying, setApplying] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const fieldText = (field: 'title' | 'planText'): string | undefined => (field === 'title' ? title : planText);

  const notes: ImportNote[] = warnings.map((warning, i) => {
    const suggestion = warning.suggestion;
    let state: SuggestionState | null = null;
    if (suggestion?.field === 'narrative') state = narrative[i] ?? null;
    else if (suggestion) {
      const text = fieldText(suggestion.field);
      state = text === undefined ? null : suggestionState(text, suggestion);
    }
    const writable = suggestion?.field !== 'narrative' || narrativeEditable;
    return { warning, state, canApply: coordinator && state === 'pending' && writable, applying: applying === i };
  });

  const apply = async (index: number): Promise<void> => {
    const suggestion = warnings[index]?.suggestion;
    if (!suggestion || applying !== null) return;
    setMessage(null);
    if (suggestion.field === 'narrative') {
      const done = session !== null && applyInNarrative(session.doc, narrativeFragment(session.doc), suggestion);
      setMessage(done ? { ok: true, text: tImportNotes.suggestionAppliedNow(suggestion.replace) } : { ok: false, text: tImportNotes.suggestionGone });
      return;
    }
    const { field } = suggestion;
    const text = fieldText(field);
    const changed = text === undefined ? null : applyToText(text, suggestion);
    if (changed === null) {
      setMessage({ ok: false, text: tImportNotes.suggestionGone });
      return;
    }
    setApplying(index);
    try {
      // Made from the text as shown: if someone changed the field since, the server stores nothing (409).
      const patch = field === 'title' ? { title: changed, base: { title: text } } : { planText: changed, base: { planText: text } };
      const saved = await patchMeasure(roundId, number, patch);
      // The server stores the plan text trimmed, as the schema says.
      onSaved(saved, field === 'planText' ? changed.trim() : undefined);
      setMessage({ ok: true, text: tImportNotes.suggestionAppliedNow(suggestion.replace) });
    } catch (error) {
      setMessage({ ok: false, text: refusal(error) });
    } finally {
      setApplying(null);
    }
  };

  return { notes, apply, message };
}
