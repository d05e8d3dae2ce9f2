import { SnapshotSchema } from '../../../shared/snapshotContent.js';
import { request } from '../api.js';
import { snapshotPath } from './rounds.js';

// Apart from rounds.ts, which every rounds page loads: only the page of one snapshot reads its
// content, and its schema (ProseMirror JSON included) comes with that page alone.

/** One snapshot with its frozen content. */
export const fetchSnapshot = (id: string, signal?: AbortSignal) => request(snapshotPath(id), SnapshotSchema, { signal });
