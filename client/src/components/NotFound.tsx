import { lazy } from 'react';
import { LazyPage } from './LazyPart.js';
import type { Missing } from './NotFoundPage.js';

const NotFoundPage = lazy(() => import('./NotFoundPage.js').then(({ NotFoundPage }) => ({ default: NotFoundPage })));

/** NotFoundPage, loaded when something is missing rather than with every page that may say so. */
export function NotFound({ missing }: { missing: Missing }) {
  return (
    <LazyPage>
      <NotFoundPage missing={missing} />
    </LazyPage>
  );
}
