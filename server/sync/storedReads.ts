import { createHash } from 'node:crypto';

/** Most bytes of results kept (their own estimate, `weigh`): a few hundred narratives' texts. */
export const STORED_READS_MAX_BYTES = 32 * 1024 * 1024;

/**
 * What was read from documents that are not loaded, kept while what is stored of them is the
 * same: building a document from its stored updates costs 25–80 ms for a 1.8 MB or
 * 90,000-item narrative, and a measure's page (its text) or a reconnecting client (its state
 * vector) asks for the same again and again. An entry is keyed by a hash of the stored updates
 * (hashing 1.8 MB takes about 2 ms): any change to them, by this instance or another sharing the
 * database, or a compaction, is a new key. Least recently used entries go first once the results
 * weigh more than `maxBytes`; a result weighing more than a quarter of it is not kept.
 */
export class StoredReads {
  /** By document: the hash of the updates its results were read from, and each reader's result. */
  private readonly entries = new Map<string, { hash: string; results: Map<unknown, { value: unknown; bytes: number }> }>();
  private bytes = 0;

  constructor(private readonly maxBytes = STORED_READS_MAX_BYTES) {}

  /** `reader`'s result for `updates` of `docName`: kept from before, or `build` called and kept. */
  read<T>(docName: string, updates: readonly Uint8Array[], reader: (...args: never[]) => T, weigh: (result: T) => number, build: () => T): T {
    const hash = hashOf(updates);
    const entry = this.entries.get(docName);
    if (entry && entry.hash !== hash) this.forget(docName);
    const kept = entry?.hash === hash ? entry.results.get(reader) : undefined;
    if (kept) {
      // Most recently used last.
      this.entries.delete(docName);
      this.entries.set(docName, entry!);
      return kept.value as T;
    }
    const value = build();
    const bytes = weigh(value) + hash.length;
    if (bytes > this.maxBytes / 4) return value;
    const current = this.entries.get(docName) ?? { hash, results: new Map<unknown, { value: unknown; bytes: number }>() };
    current.results.set(reader, { value, bytes });
    this.entries.delete(docName);
    this.entries.set(docName, current);
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    return value;
  }

  /** Bytes the kept results weigh (for tests and metrics). */
  get weight(): number {
    return this.bytes;
  }

  private forget(docName: string): void {
    const entry = this.entries.get(docName);
    if (!entry) return;
    for (const { bytes } of entry.results.values()) this.bytes -= bytes;
    this.entries.delete(docName);
  }
}

/** A hash of a document's stored updates, each with its length, so that no two lists share one by how they split. */
function hashOf(updates: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  const length = Buffer.alloc(4);
  for (const update of updates) {
    length.writeUInt32BE(update.byteLength);
    hash.update(length);
    hash.update(update);
  }
  return hash.digest('base64');
}
