import type { SnapshotSummary } from '../../shared/snapshot.js';

/** How an export was made: from the live round (a draft) or a frozen snapshot, and when. */
export interface ExportMeta {
  /** True for an export of the live round before it is final: marked "UTKAST" everywhere. */
  draft: boolean;
  /** The snapshot the content was frozen in, or null for the live round. */
  snapshot: SnapshotSummary | null;
  /** When the export was made (ISO 8601). */
  generatedAt: string;
}
