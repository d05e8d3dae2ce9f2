import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportedReport } from '../../shared/importedReport.js';
import { parseReport } from './parseReport.js';

/**
 * Shows what the importer reads from a report transcript, so its choices can be checked by eye:
 *   npx tsx server/seed/importCli.ts [path] [--json]
 */
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const path = args.find((arg) => arg !== '--json') ?? fileURLToPath(new URL('./report-2012-02.txt', import.meta.url));

if (!existsSync(path)) {
  console.error(`importCli: no such file: ${path}`);
  process.exit(1);
}

function read(file: string): ImportedReport {
  try {
    return parseReport(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`importCli: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const report = read(path);

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const lines = [
    report.title,
    `${report.measures.length} measures`,
    '',
    ...report.measures.map((m) => {
      const section = m.hasSection ? `${m.narrative.length} paragraph(s)` : 'no section';
      const sectionStatus = m.sectionStatus && m.sectionStatus !== m.status ? ` [section: ${m.sectionStatus}]` : '';
      return `${String(m.number).padStart(2)}  ${m.status.padEnd(19)} ${m.ministries.join(',').padEnd(14)} ${section}${sectionStatus}  ${m.title}`;
    }),
    '',
    `${report.warnings.length} warning(s)`,
    ...report.warnings.map((w) => `  ${w.code.padEnd(19)} ${w.measure === null ? '  -' : String(w.measure).padStart(3)}  ${w.message}`),
  ];
  console.log(lines.join('\n'));
}
