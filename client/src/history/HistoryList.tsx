import { Button } from '@digdir/designsystemet-react';
import { Eye } from 'lucide-react';
import { useId } from 'react';
import type { HistoryEntry } from '../../../shared/history.js';
import { tHistory } from '../strings/history.js';
import { authorName, entryText, entryTime, isVersion } from './historyWords.js';
import type { HistoryModel } from './useHistory.js';
import { VersionView } from './VersionView.js';

/** The button's id for an entry, so that closing its version gives focus back to it. */
export const versionButtonId = (listId: string, entryId: string): string => `${listId}-${entryId}`;

/** Words added and removed: short for the eye, whole for the ear. */
function Words({ added, removed }: { added: number; removed: number }) {
  return (
    <span className="history__words" data-testid="history-words" data-added={added} data-removed={removed}>
      <span aria-hidden="true">{tHistory.wordsShort(added, removed)}</span>
      <span className="visually-hidden">{tHistory.wordsSpoken(added, removed)}</span>
    </span>
  );
}

function Entry({ entry, all, history, canWrite, listId, roundTitle }: { entry: HistoryEntry; all: readonly HistoryEntry[]; history: HistoryModel; canWrite: boolean; listId: string; roundTitle: (id: string) => string | null }) {
  const who = authorName(entry.author, entry.kind);
  const when = entryTime(entry);
  const version = isVersion(entry) ? entry : null;
  const shown = version !== null && history.selected === entry.id;
  const viewId = `${listId}-${entry.id}-view`;
  return (
    <li className="history__entry" data-testid="history-entry" data-entry-id={entry.id} data-kind={entry.kind} data-author={entry.author?.username ?? ''}>
      <p className="history__what">
        <strong className="history__who">{who}</strong> <span className="history__text">{entryText(entry, all, roundTitle)}</span>
      </p>
      <p className="history__meta">
        <time dateTime={entry.to}>{when}</time>
        {version?.open && (
          <>
            {' '}
            <span aria-hidden="true">({tHistory.open})</span>
            <span className="visually-hidden">{tHistory.openSpoken}</span>
          </>
        )}
        {version && (
          <>
            <span aria-hidden="true"> · </span>
            <Words added={version.wordsAdded} removed={version.wordsRemoved} />
          </>
        )}
      </p>
      {version && (
        <Button
          id={versionButtonId(listId, entry.id)}
          variant="tertiary"
          data-size="sm"
          aria-expanded={shown}
          aria-controls={shown ? viewId : undefined}
          onClick={() => history.open(shown ? null : entry.id)}
          data-testid="history-show"
        >
          <Eye aria-hidden="true" size={16} />
          {tHistory.showVersion}
          <span className="visually-hidden"> {tHistory.showVersionSpoken(when, who)}</span>
        </Button>
      )}
      {shown && (
        <VersionView
          id={viewId}
          version={version}
          who={who}
          history={history}
          canWrite={canWrite}
          onClose={() => {
            history.open(null);
            document.getElementById(versionButtonId(listId, entry.id))?.focus();
          }}
        />
      )}
    </li>
  );
}

/** The entries, newest first; each version can be opened in place. */
export function HistoryList({ entries, history, canWrite, roundTitle }: { entries: readonly HistoryEntry[]; history: HistoryModel; canWrite: boolean; roundTitle: (id: string) => string | null }) {
  const listId = useId().replace(/:/g, '');
  return (
    <ol className="history__list" aria-label={tHistory.listLabel} data-testid="history-list">
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} all={entries} history={history} canWrite={canWrite} listId={listId} roundTitle={roundTitle} />
      ))}
    </ol>
  );
}
