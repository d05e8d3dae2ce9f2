import { Download } from 'lucide-react';
import { EXPORT_FORMATS, type ExportFormat } from '../api.js';
import { tRounds } from '../strings.js';

/**
 * Links to one version of the report in every export format. They are plain links to the API:
 * the server answers with the file (HTML opens in the browser, the others download).
 */
export function ExportLinks({ urlOf, label, testId }: { urlOf: (format: ExportFormat) => string; label: string; testId?: string }) {
  return (
    <div className="export-links" data-testid={testId}>
      <span className="export-links__label">
        <Download aria-hidden="true" size={16} /> {label}:
      </span>
      <ul className="export-links__list">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={urlOf(format)} data-format={format} {...(format === 'html' ? {} : { download: '' })}>
              {tRounds.formats[format]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
