/** Rows of the documents aggregate (`doc_versions`, `doc_clients`), and its bytes and times as stored, as both stores write and read them. */
import type { ClientClaim, VersionRecord } from '../types.js';
import { isSet } from './columns.js';

/** The bytes of `update` as a Buffer, as better-sqlite3 and postgres.js take a BLOB or BYTEA, without copying. */
export function asBuffer(update: Uint8Array): Buffer {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

/** The bytes of a BLOB or BYTEA as the store hands them out (a Buffer from SQLite, a Uint8Array from PostgreSQL) as a plain Uint8Array, without copying. */
export function asBytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** An origin's time as stored: milliseconds since the epoch. */
export function msOf(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${iso}`);
  return ms;
}

/** A `doc_versions` row with its document's `name`. */
export interface VersionRow {
  id: number;
  name: string;
  kind: VersionRecord['kind'];
  author: string | null;
  first_id: number;
  last_id: number;
  started_at: number;
  ended_at: number;
  updates: number;
  restored_from: number | null;
  carried_from: string | null;
  words_added: number | null;
  words_removed: number | null;
  stats_through: number | null;
}

export function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    docName: row.name,
    kind: row.kind,
    author: row.author,
    firstId: row.first_id,
    lastId: row.last_id,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: new Date(row.ended_at).toISOString(),
    updates: row.updates,
    restoredFrom: row.restored_from,
    carriedFrom: row.carried_from,
    stats:
      row.words_added === null || row.words_removed === null || row.stats_through === null
        ? null
        : { wordsAdded: row.words_added, wordsRemoved: row.words_removed, throughId: row.stats_through },
  };
}

/** A `doc_clients` row. */
export interface ClientRow {
  client_id: number;
  author: string | null;
  carried_over: boolean | number;
}

export function toClientClaim(row: ClientRow): ClientClaim {
  return { clientId: row.client_id, author: row.author, carriedOver: isSet(row.carried_over) };
}
