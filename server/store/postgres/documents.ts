import { VERSION_MAX_UPDATES, VERSION_SPAN_MS } from '../../../shared/history.js';
import type { AppendedUpdate, ClientClaim, HistorySlice, HistoryUpdate, StoredDocument, UpdateOrigin, VersionRecord } from '../types.js';
import { asBuffer, asBytes, msOf, toClientClaim, toVersion, type VersionRow } from '../rows/documents.js';
import type { Db } from './connection.js';

/** OIDs of the array elements sent: int8 (Yjs client ids reach 2^32) and text. */
const INT8 = 20;
const TEXT = 25;

async function documentId(db: Db, docName: string): Promise<number | null> {
  const [row] = await db<{ id: number }[]>`SELECT id FROM documents WHERE name = ${docName}`;
  return row?.id ?? null;
}

/**
 * The Yjs documents and their history, as sqlite/documents.ts keeps them (`doc_history` kept for
 * good, `doc_state` replaced, `doc_checkpoints` kept, `doc_clients`, `doc_versions`). Each
 * function is one step of the store; `compact` must run inside a transaction, and `load` and
 * `readHistory` in one view of the data (the store gives them that); `append` is one statement.
 */
export const documents = {
  async load(db: Db, docName: string): Promise<StoredDocument> {
    const doc = await documentId(db, docName);
    if (doc === null) return { updates: [], lastId: 0, sinceCheckpoint: { updates: 0, bytes: 0 } };
    const [state] = await db<{ through_id: number; state: Uint8Array }[]>`SELECT through_id, state FROM doc_state WHERE doc = ${doc}`;
    const rows = await db<{ id: number; data: Uint8Array }[]>`SELECT id, data FROM doc_history WHERE doc = ${doc} AND id > ${state?.through_id ?? 0} ORDER BY id`;
    const [since] = await db<{ n: number; bytes: number }[]>`
      SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(data)), 0)::int8 AS bytes FROM doc_history
      WHERE doc = ${doc} AND id > COALESCE((SELECT MAX(through_id) FROM doc_checkpoints WHERE doc = ${doc}), 0)`;
    return {
      updates: [...(state ? [asBytes(state.state)] : []), ...rows.map((row) => asBytes(row.data))],
      lastId: rows.at(-1)?.id ?? state?.through_id ?? 0,
      sinceCheckpoint: { updates: since?.n ?? 0, bytes: since?.bytes ?? 0 },
    };
  },

  /**
   * Stores one update with its origin, in one statement (samskriv_append_update, migration 002:
   * the rules of sqlite/documents.ts). Also how other aggregates store a document's first state.
   */
  async append(db: Db, docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    const at = msOf(origin.at);
    const carried = origin.carried?.claims ?? [];
    const [row] = await db<{ update_id: number; version_id: number; closed: number[] }[]>`
      SELECT update_id, version_id, closed FROM samskriv_append_update(
        ${docName}, ${at}, ${origin.author}, ${origin.kind}, ${asBuffer(update)},
        ${db.array([...origin.clients], INT8)}::int8[], ${db.array(carried.map((c) => c.clientId), INT8)}::int8[],
        ${db.array(carried.map((c) => c.author), TEXT)}::text[],
        ${origin.restoredFrom ?? null}::int8, ${origin.carried?.from ?? null}::text, ${VERSION_SPAN_MS}::int8, ${VERSION_MAX_UPDATES}::int4)`;
    return { id: row!.update_id, version: row!.version_id, closed: row!.closed };
  },

  async compact(db: Db, docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean): Promise<void> {
    const doc = await documentId(db, docName);
    const [update] = doc === null ? [] : await db`SELECT id FROM doc_history WHERE id = ${throughId} AND doc = ${doc}`;
    if (doc === null || !update) throw new Error(`update ${throughId} is not one of ${docName}`);
    await db`
      INSERT INTO doc_state (doc, through_id, state) VALUES (${doc}, ${throughId}, ${asBuffer(merged)})
      ON CONFLICT (doc) DO UPDATE SET through_id = excluded.through_id, state = excluded.state WHERE excluded.through_id >= doc_state.through_id`;
    if (checkpoint) {
      await db`INSERT INTO doc_checkpoints (doc, through_id, state) VALUES (${doc}, ${throughId}, ${asBuffer(merged)}) ON CONFLICT DO NOTHING`;
    }
  },

  async clients(db: Db, docName: string): Promise<ClientClaim[]> {
    const rows = await db<{ client_id: number; author: string | null; carried_over: boolean }[]>`
      SELECT c.client_id, c.author, c.carried_over FROM doc_clients c JOIN documents d ON d.id = c.doc
      WHERE d.name = ${docName} ORDER BY c.client_id`;
    return rows.map(toClientClaim);
  },

  async versions(db: Db, docName: string): Promise<VersionRecord[]> {
    const rows = await db<VersionRow[]>`SELECT v.*, d.name FROM doc_versions v JOIN documents d ON d.id = v.doc WHERE d.name = ${docName} ORDER BY v.id`;
    return rows.map(toVersion);
  },

  async version(db: Db, docName: string, id: number): Promise<VersionRecord | null> {
    const [row] = await db<VersionRow[]>`SELECT v.*, d.name FROM doc_versions v JOIN documents d ON d.id = v.doc WHERE d.name = ${docName} AND v.id = ${id}`;
    return row ? toVersion(row) : null;
  },

  async readHistory(db: Db, docName: string, beforeId: number, throughId: number): Promise<HistorySlice> {
    const doc = await documentId(db, docName);
    if (doc === null) return { base: null, baseId: 0, updates: [] };
    // The latest of the checkpoints and the current state stored through an update before `beforeId`.
    const [base] = await db<{ through_id: number; state: Uint8Array }[]>`
      SELECT through_id, state FROM (
        (SELECT through_id, state, 0 AS rank FROM doc_checkpoints WHERE doc = ${doc} AND through_id < ${beforeId} ORDER BY through_id DESC LIMIT 1)
        UNION ALL
        (SELECT through_id, state, 1 AS rank FROM doc_state WHERE doc = ${doc} AND through_id < ${beforeId})
      ) AS bases ORDER BY through_id DESC, rank LIMIT 1`;
    const baseId = base?.through_id ?? 0;
    const rows = await db<{ id: number; author: string | null; kind: HistoryUpdate['kind']; data: Uint8Array }[]>`
      SELECT id, author, kind, data FROM doc_history WHERE doc = ${doc} AND id > ${baseId} AND id <= ${throughId} ORDER BY id`;
    return {
      base: base ? asBytes(base.state) : null,
      baseId,
      updates: rows.map((row) => ({ id: row.id, author: row.author, kind: row.kind, data: asBytes(row.data) })),
    };
  },

  async setStats(db: Db, id: number, wordsAdded: number, wordsRemoved: number, throughId: number): Promise<void> {
    await db`UPDATE doc_versions SET words_added = ${wordsAdded}, words_removed = ${wordsRemoved}, stats_through = ${throughId} WHERE id = ${id}`;
  },
};
