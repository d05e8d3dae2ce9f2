import { Spinner } from '@digdir/designsystemet-react';
import { t } from '../strings.js';

/** A page's place while it (or the session) is being loaded: the main landmark with a spinner. */
export function PageLoading() {
  return (
    <main id="main" className="page">
      <Spinner aria-label={t.loading} />
    </main>
  );
}
