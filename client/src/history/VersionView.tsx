import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { NarrativeVersion, VersionDetail } from '../../../shared/history.js';
import { canRender, hasText, ProseMirrorView } from '../report/ProseMirrorView.js';
import { canShorten, WordDiff } from '../report/WordDiff.js';
import { t } from '../strings.js';
import { tHistory } from '../strings/history.js';
import { entryTime } from './historyWords.js';
import { RestoreButton } from './RestoreButton.js';
import type { HistoryModel } from './useHistory.js';

/** The narrative as it was after the version, read-only, in the report's layout. */
function TextThen({ detail }: { detail: VersionDetail }) {
  if (!detail.renderable || !canRender(detail.narrative)) return <Paragraph className="report__empty">{tHistory.notRenderable}</Paragraph>;
  if (!hasText(detail.narrative)) return <Paragraph className="report__empty">{tHistory.emptyThen}</Paragraph>;
  return (
    <div className="report__narrative history__narrative" data-testid="version-text">
      <ProseMirrorView doc={detail.narrative} sectionLevel={4} />
    </div>
  );
}

/** What changed from the version to now, word by word (the compare page's diff). */
function DiffSince({ detail }: { detail: VersionDetail }) {
  const [full, setFull] = useState(false);
  if (!detail.diff.some((part) => part.kind !== 'same')) return <Paragraph data-testid="version-same-now">{tHistory.sameNow}</Paragraph>;
  return (
    <>
      <Paragraph className="page__meta">{tHistory.diffLegend}</Paragraph>
      <WordDiff parts={detail.diff} full={full} />
      {canShorten(detail.diff) && (
        <Button variant="tertiary" data-size="sm" aria-pressed={full} onClick={() => setFull((f) => !f)}>
          {tHistory.wholeText}
        </Button>
      )}
    </>
  );
}

/**
 * One version, opened in the list: who and when, its text, its diff against now, *Gjenopprett*
 * for whoever may write the measure, and *Lukk versjonen*. Focus moves to its heading when it opens.
 */
export function VersionView({ id, version, who, history, canWrite, onClose }: { id: string; version: NarrativeVersion; who: string; history: HistoryModel; canWrite: boolean; onClose: () => void }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const when = entryTime(version);
  // The detail of another version may still be shown while this one is read.
  const detail = history.detail?.version.id === version.id ? history.detail : null;
  return (
    <section id={id} aria-labelledby={headingId} className="history__version" data-testid="history-version" data-version-id={version.id}>
      <Heading level={3} data-size="xs" id={headingId} ref={heading} tabIndex={-1}>
        {tHistory.versionHeading(when)}
      </Heading>
      <Paragraph>{tHistory.versionBy(who)}</Paragraph>
      {history.detailFailed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!detail && !history.detailFailed && <Paragraph>{t.loading}</Paragraph>}
      {detail && (
        <>
          <Heading level={4} data-size="2xs">
            {tHistory.textThen}
          </Heading>
          <TextThen detail={detail} />
          <Heading level={4} data-size="2xs">
            {tHistory.diffHeading}
          </Heading>
          <div data-testid="version-diff">
            <DiffSince detail={detail} />
          </div>
        </>
      )}
      <div className="history__actions">
        {canWrite && <RestoreButton when={when} busy={history.restoring} onConfirm={() => void history.restore(version)} />}
        <Button variant="tertiary" data-size="sm" onClick={onClose} data-testid="history-close">
          <X aria-hidden="true" size={16} />
          {tHistory.closeVersion}
        </Button>
      </div>
      {history.outcome && (
        <Paragraph className={history.outcome.ok ? 'history__done' : 'history__failed'} data-testid="version-outcome">
          {history.outcome.text}
        </Paragraph>
      )}
    </section>
  );
}
