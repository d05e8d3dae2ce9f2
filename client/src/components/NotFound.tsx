import { lazy } from 'react';
import { LazyPage } from './LazyPart.js';
import type { Missing } from './NotFoundPage.js';

const NotFoundPage = lazy(() => import('./NotFoundPage.js').then(({ NotFoundPage }) => ({ default: NotFoundPage })));

/**
 * NotFoundPage where the app's entry shows it (an unknown address, an unknown round's overview):
 * loaded when something is missing, not with every page. Pages that load separately import
 * NotFoundPage itself.
 */
export function NotFound({ missing }: { missing: Missing }) {
  return (
    <LazyPage>
      <NotFoundPage missing={missing} />
    </LazyPage>
  );
}
