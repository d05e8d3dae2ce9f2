import type { Status } from '../../shared/status.js';

/**
 * The summary table of the February 2012 report, typed by hand from reading pages 2–3 of the
 * source, so the parser is checked against an independent reading and not against itself.
 */
export const TABLE: [number, string[], Status][] = [
  [1, ['UD', 'JD', 'BLD'], 'Under gjennomføring'],
  [2, ['UD', 'JD'], 'Gjennomført'],
  [3, ['UD'], 'Løpende'],
  [4, ['FD'], 'Løpende'],
  [5, ['JD'], 'Gjennomført'],
  [6, ['JD'], 'Løpende'],
  [7, ['UD', 'JD'], 'Løpende'],
  [8, ['UD'], 'Under gjennomføring'],
  [9, ['UD'], 'Under gjennomføring'],
  [10, ['JD'], 'Under gjennomføring'],
  [11, ['HOD'], 'Under gjennomføring'],
  [12, ['JD'], 'Under forberedelse'],
  [13, ['JD'], 'Under forberedelse'],
  [14, ['JD'], 'Under gjennomføring'],
  [15, ['JD'], 'Under gjennomføring'],
  [16, ['BLD', 'JD', 'AD', 'HOD'], 'Gjennomført'],
  [17, ['AD', 'JD', 'KRD', 'BLD'], 'Under gjennomføring'],
  [18, ['AD'], 'Under gjennomføring'],
  [19, ['AD', 'JD', 'KRD', 'BLD'], 'Ikke igangsatt'],
  [20, ['HOD'], 'Under gjennomføring'],
  [21, ['JD'], 'Løpende'],
  [22, ['JD'], 'Løpende'],
  [23, ['JD'], 'Under gjennomføring'],
  [24, ['BLD'], 'Under gjennomføring'],
  [25, ['BLD', 'JD'], 'Under gjennomføring'],
  [26, ['BLD'], 'Under gjennomføring'],
  [27, ['BLD'], 'Under gjennomføring'],
  [28, ['BLD'], 'Under forberedelse'],
  [29, ['JD'], 'Under gjennomføring'],
  [30, ['JD'], 'Løpende'],
  [31, ['JD', 'UD'], 'Løpende'],
  [32, ['JD'], 'Under forberedelse'],
  [33, ['JD'], 'Under gjennomføring'],
  [34, ['JD'], 'Under forberedelse'],
  [35, ['JD'], 'Under forberedelse'],
];
