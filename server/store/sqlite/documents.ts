import type Database from 'better-sqlite3';
import type { StoredDocument } from '../types.js';

/** The bytes of `update` as a Buffer for SQLite, without copying. */
export function asBuffer(update: Uint8Array): Buffer {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

/** The Yjs documents: an append-only log of updates per document (`doc_updates`). */
export class SqliteDocuments {
  private readonly selectUpdates;
  private readonly insertUpdate;
  private readonly insertUpdateAt;
  private readonly deleteThrough;
  private readonly compactTransaction;

  constructor(db: Database.Database) {
    this.selectUpdates = db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM doc_updates WHERE doc_name = ? ORDER BY id');
    this.insertUpdate = db.prepare<[string, Buffer]>('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)');
    this.insertUpdateAt = db.prepare<[number, string, Buffer]>('INSERT INTO doc_updates (id, doc_name, data) VALUES (?, ?, ?)');
    this.deleteThrough = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?');
    this.compactTransaction = db.transaction((docName: string, throughId: number, merged: Uint8Array) => {
      this.deleteThrough.run(docName, throughId);
      // The merged state keeps the position of the last update it replaces, so updates
      // stored after `throughId` still sort after it.
      this.insertUpdateAt.run(throughId, docName, asBuffer(merged));
    });
  }

  load(docName: string): StoredDocument {
    const rows = this.selectUpdates.all(docName);
    return {
      updates: rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
      lastId: rows.at(-1)?.id ?? 0,
    };
  }

  /** Appends one update; answers its id. Also how other aggregates store a document's first state. */
  append(docName: string, update: Uint8Array): number {
    return Number(this.insertUpdate.run(docName, asBuffer(update)).lastInsertRowid);
  }

  compact(docName: string, throughId: number, merged: Uint8Array): void {
    this.compactTransaction.immediate(docName, throughId, merged);
  }
}
