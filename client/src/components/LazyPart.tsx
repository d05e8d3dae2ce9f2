import { Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Component, Suspense, type ReactNode } from 'react';
import { t, tNav } from '../strings.js';
import { PageLoading } from './PageLoading.js';

/**
 * When the code of a page, or of a part of one, cannot be loaded (offline before it was cached, or
 * a new version deployed and the old files gone), says so and offers a reload, in the page's place
 * or the part's, rather than React taking the whole app down with it.
 */
class LoadFailed extends Component<{ children: ReactNode; page: boolean }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const reload = (
      <Button variant="secondary" data-size={this.props.page ? undefined : 'sm'} onClick={() => window.location.reload()}>
        {tNav.reload}
      </Button>
    );
    return this.props.page ? (
      <main id="main" className="page">
        <Paragraph role="alert">{tNav.pageLoadFailed}</Paragraph>
        {reload}
      </main>
    ) : (
      <div className="lazy-part__failed">
        <Paragraph role="alert">{tNav.partLoadFailed}</Paragraph>
        {reload}
      </div>
    );
  }
}

/**
 * A page whose code loads when it is first opened (React.lazy inside): PageLoading meanwhile, and
 * a word and a reload if it cannot be loaded. Give it the page's key, so that another page starts
 * afresh.
 */
export function LazyPage({ children }: { children: ReactNode }) {
  return (
    <LoadFailed page>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </LoadFailed>
  );
}

/**
 * A part of a page whose code loads when it is first shown (React.lazy inside): a spinner named
 * *Laster …* meanwhile, as the history panel has, and a word and a reload if it cannot be loaded,
 * rather than the page going blank. `fallback` replaces the spinner where a part has its own words.
 */
export function LazyPart({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <LoadFailed page={false}>
      <Suspense fallback={fallback ?? <Spinner aria-label={t.loading} data-size="sm" />}>{children}</Suspense>
    </LoadFailed>
  );
}
