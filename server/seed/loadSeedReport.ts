import { readFileSync } from 'node:fs';
import type { ImportedReport } from '../../shared/importedReport.js';
import { parseReport } from './parseReport.js';

/** The February 2012 report the repository carries, parsed: what a fresh install opens on. */
export function loadSeedReport(): ImportedReport {
  return parseReport(readFileSync(new URL('./report-2012-02.txt', import.meta.url), 'utf8'));
}
