import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link, paths } from '../router.js';
import { tNotFound } from '../strings/notFound.js';

/** What is missing: an address the app does not have, or a round, measure or snapshot the server does not know. */
export type Missing =
  | { kind: 'page' }
  | { kind: 'round'; roundId: string }
  | { kind: 'measure'; roundId: string; number: number }
  | { kind: 'snapshot' };

function wordsFor(missing: Missing): { title: string; text: string } {
  switch (missing.kind) {
    case 'page':
      return { title: tNotFound.pageTitle, text: tNotFound.pageText };
    case 'round':
      return { title: tNotFound.roundTitle, text: tNotFound.roundText(missing.roundId) };
    case 'measure':
      return { title: tNotFound.measureTitle, text: tNotFound.measureText(missing.number) };
    case 'snapshot':
      return { title: tNotFound.snapshotTitle, text: tNotFound.snapshotText };
  }
}

/**
 * The page for something that is not there: a heading and a sentence that say what is missing
 * (never the network: the server answered), and where to go instead.
 */
export function NotFoundPage({ missing }: { missing: Missing }) {
  const { title, text } = wordsFor(missing);
  return (
    <main id="main" className="page not-found" data-testid="not-found" data-missing={missing.kind}>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{text}</Paragraph>
      <nav aria-label={tNotFound.linksLabel}>
        <ul className="not-found__links">
          {missing.kind === 'measure' && (
            <li>
              <Link href={paths.overview(missing.roundId)}>{tNotFound.toRound}</Link>
            </li>
          )}
          <li>
            <Link href="/">{tNotFound.toNewest}</Link>
          </li>
          <li>
            <Link href={paths.rounds()}>{tNotFound.toRounds}</Link>
          </li>
        </ul>
      </nav>
    </main>
  );
}
