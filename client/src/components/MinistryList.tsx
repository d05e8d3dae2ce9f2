import { MINISTRIES, type MinistryCode } from '../../../shared/ministries.js';

/** Ministry codes as the report writes them, each with its full name for screen readers and hover. */
export function MinistryList({ codes }: { codes: readonly MinistryCode[] }) {
  return (
    <>
      {codes.map((code, i) => (
        <span key={code}>
          {i > 0 && ', '}
          <abbr title={MINISTRIES[code]}>{code}</abbr>
        </span>
      ))}
    </>
  );
}
