import { Heading, Paragraph, Switch } from '@digdir/designsystemet-react';
import { lazy, useId, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import { LazyPart } from '../components/LazyPart.js';
import type { CollabSession } from '../editor/collabSession.js';
import { tAuthorship } from '../strings/historySection.js';
import type { LegendEntry, WrittenPassage } from './authorship.js';
import type { AuthorshipShown } from './AuthorshipPainter.js';
import { legendId, writerClass, writerName } from './writerWords.js';

// Reading who wrote what and painting it on the text loads when the switch is first turned on.
const AuthorshipPainter = lazy(() => import('./AuthorshipPainter.js'));

/** Until the painter has said otherwise: the authorship is being read. */
const READING: AuthorshipShown = { legend: null, passages: [], loading: true, failed: false };
const OFF: AuthorshipShown = { legend: null, passages: [], loading: false, failed: false };

/** The text in order, each part with its writer in words: who wrote what without colour or pointer. */
function Passages({ passages }: { passages: readonly WrittenPassage[] }) {
  if (passages.length === 0) return null;
  return (
    <details className="authorship__passages" data-testid="authorship-passages">
      <summary>{tAuthorship.passagesSummary}</summary>
      <Paragraph className="page__meta">{tAuthorship.passagesIntro}</Paragraph>
      <ol>
        {passages.map(({ writer, text }, i) => (
          <li key={i} data-author={writer.username ?? ''}>
            <strong>
              {writerName(writer)}
              {writer.carriedOver && `, ${tAuthorship.carriedOver}`}:
            </strong>{' '}
            «{text}»
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Each writer of the text now: their colour (a swatch, for the eye), name and ministry, and how much. */
function Legend({ entries, passages }: { entries: readonly LegendEntry[]; passages: readonly WrittenPassage[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="authorship__legend" data-testid="authorship-legend">
      <Heading level={3} data-size="2xs" id={headingId}>
        {tAuthorship.legendHeading}
      </Heading>
      <Paragraph className="page__meta">{tAuthorship.legendIntro}</Paragraph>
      {entries.length === 0 ? (
        <Paragraph>{tAuthorship.nothing}</Paragraph>
      ) : (
        <ul className="authorship__list">
          {entries.map(({ writer, characters }) => (
            <li key={writer.key} id={legendId(writer)} data-testid="authorship-writer" data-author={writer.username ?? ''} data-carried-over={String(writer.carriedOver)}>
              <span aria-hidden="true" className={`authorship__swatch ${writerClass(writer)}`} />
              {writerName(writer)}
              {writer.you && ` (${tAuthorship.you})`}
              {writer.carriedOver && <span className="authorship__carried">, {tAuthorship.carriedOver}</span>}
              <span className="page__meta"> – {tAuthorship.characters(characters)}</span>
            </li>
          ))}
        </ul>
      )}
      <Passages passages={passages} />
    </section>
  );
}

/**
 * *Vis hvem som skrev hva* above the narrative: on, the text is tinted by its writers' ministries
 * and each passage names its writer (tooltip, and a pointer to the legend's entry); the legend
 * names everyone with their colour, so colour is never the only cue.
 */
export function AuthorshipToggle({ roundId, number, session, user }: { roundId: string; number: number; session: CollabSession | null; user: SessionUser }) {
  const [enabled, setEnabled] = useState(false);
  const [shown, setShown] = useState<AuthorshipShown>(READING);
  const { legend, passages, loading, failed } = enabled ? shown : OFF;
  const toggle = (on: boolean): void => {
    setEnabled(on);
    // Turned on again, it is read afresh.
    if (!on) setShown(READING);
  };
  return (
    <div className="authorship" data-testid="authorship">
      <Switch label={tAuthorship.toggle} checked={enabled} onChange={(e) => toggle(e.target.checked)} data-testid="authorship-toggle" />
      <div aria-live="polite">
        {loading && <Paragraph className="page__meta">{tAuthorship.loading}</Paragraph>}
        {failed && <Paragraph>{tAuthorship.failed}</Paragraph>}
      </div>
      {enabled && (
        // Its loading is said by the line above.
        <LazyPart fallback={null}>
          <AuthorshipPainter roundId={roundId} number={number} session={session} user={user} onShown={setShown} />
        </LazyPart>
      )}
      {legend && <Legend entries={legend} passages={passages} />}
    </div>
  );
}
