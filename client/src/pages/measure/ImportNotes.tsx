import { Button, Details } from '@digdir/designsystemet-react';
import { CircleCheck, Wand } from 'lucide-react';
import { useId } from 'react';
import { importWarningText, tImportNotes } from '../../strings/importNotes.js';
import { useSuggestions, type ImportNote, type ImportNotesModel } from './useSuggestions.js';

/** One note: the importer's words, and for a suggestion where it stands and (coordinator) *Bruk forslaget*. */
function ImportNoteItem({ note, onApply }: { note: ImportNote; onApply: () => void }) {
  const textId = useId();
  const { warning, state } = note;
  const suggestion = warning.suggestion;
  if (suggestion && state === 'applied') {
    return (
      <li data-testid="import-note" data-suggestion={suggestion.field} data-state="applied" className="import-note import-note--done">
        <CircleCheck aria-hidden="true" size={18} /> {tImportNotes.suggestionDone(warning.values.found ?? suggestion.find, suggestion.field)}
      </li>
    );
  }
  return (
    <li data-testid="import-note" data-suggestion={suggestion?.field} data-state={state ?? undefined} className="import-note">
      <span id={textId}>
        {importWarningText(warning)}
        {suggestion && ` ${tImportNotes.suggestionFor[suggestion.field]}`}
      </span>
      {suggestion && state === 'ambiguous' && <span className="import-note__more"> {tImportNotes.suggestionAmbiguous(suggestion.find, suggestion.field)}</span>}
      {note.canApply && (
        <Button
          variant="secondary"
          data-size="sm"
          className="import-note__apply"
          data-testid="apply-suggestion"
          aria-describedby={textId}
          aria-disabled={note.applying || undefined}
          onClick={() => !note.applying && onApply()}
        >
          <Wand aria-hidden="true" size={16} />
          {note.applying ? tImportNotes.applyingSuggestion : tImportNotes.applySuggestion}
        </Button>
      )}
    </li>
  );
}

/**
 * What the importer noted about the measure, folded for editors (so the text starts high on the
 * page) and open for the coordinator, who applies the suggested corrections.
 */
export function ImportNotes({ model }: { model: ImportNotesModel }) {
  const { notes, apply, message } = useSuggestions(model);
  if (notes.length === 0) return null;
  return (
    <Details data-color="warning" defaultOpen={model.coordinator} className="measure__warnings" data-testid="import-notes">
      <Details.Summary>{tImportNotes.importNotesSummary(notes.length)}</Details.Summary>
      <Details.Content>
        <ul className="import-notes">
          {notes.map((note, i) => (
            <ImportNoteItem key={i} note={note} onApply={() => void apply(i)} />
          ))}
        </ul>
        <p aria-live="polite" className={message?.ok === false ? 'measure__save measure__save--error' : 'measure__save'} data-testid="suggestion-message">
          {message?.text}
        </p>
      </Details.Content>
    </Details>
  );
}
