import { Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Component, Suspense, type ReactNode } from 'react';
import { t, tNav } from '../strings.js';

/** When a part's code cannot be loaded (offline before it was cached, or a new version deployed), says so and offers a reload. */
class PartLoadFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="lazy-part__failed">
        <Paragraph role="alert">{tNav.partLoadFailed}</Paragraph>
        <Button variant="secondary" data-size="sm" onClick={() => window.location.reload()}>
          {tNav.reload}
        </Button>
      </div>
    );
  }
}

/**
 * A part of a page whose code loads when it is first shown (React.lazy inside): a spinner named
 * *Laster …* meanwhile, as the history panel has, and a word and a reload if it cannot be loaded,
 * rather than the page going blank. `fallback` replaces the spinner where a part has its own words.
 */
export function LazyPart({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <PartLoadFailed>
      <Suspense fallback={fallback ?? <Spinner aria-label={t.loading} data-size="sm" />}>{children}</Suspense>
    </PartLoadFailed>
  );
}
