import { Download, ExternalLink } from 'lucide-react';
import { EXPORT_FORMATS, type ExportFormat } from '../api/rounds.js';
import { tLayout } from '../strings.js';
import { tRounds } from '../strings/rounds.js';

/**
 * Links to one version of the report in every export format. They are plain links to the API:
 * the server answers with the file. HTML opens in a new tab, so the report never replaces the
 * app (and what is typed in it); the others download.
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
            {format === 'html' ? (
              <a href={urlOf(format)} data-format={format} target="_blank" rel="noopener">
                {tRounds.formats[format]} <ExternalLink aria-hidden="true" size={14} />
                <span className="visually-hidden"> {tLayout.opensInNewTab}</span>
              </a>
            ) : (
              <a href={urlOf(format)} data-format={format} download="">
                {tRounds.formats[format]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
