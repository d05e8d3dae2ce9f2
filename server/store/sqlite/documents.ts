import type Database from 'better-sqlite3';
import { VERSION_MAX_UPDATES, VERSION_SPAN_MS } from '../../../shared/history.js';
import type { AppendedUpdate, ClientClaim, HistorySlice, HistoryUpdate, StoredDocument, UpdateOrigin, VersionRecord } from '../types.js';
import { asBuffer, asBytes, msOf, toClientClaim, toVersion, type VersionRow } from '../rows/documents.js';

/** Client ids remembered as claimed per document (a page load makes one). */
const MAX_REMEMBERED_CLAIMS = 10_000;

/** What storing an update did: its ids, and the document and the client ids it claimed. */
interface Appended {
  update: AppendedUpdate;
  stored: { doc: number; clients: number[] };
}

const VERSION_SELECT = `SELECT v.*, d.name FROM doc_versions v JOIN documents d ON d.id = v.doc`;

/**
 * The Yjs documents and their history. Every update ever stored stays in `doc_history` with when,
 * by whom and why; the current state loads from `doc_state` (the compacted state, replaced) and
 * the updates after it; `doc_checkpoints` (kept) let any moment of the history be read back from
 * a bounded number of updates. Storing an update also claims its client ids for its author
 * (`doc_clients`) and adds it to its author's version (`doc_versions`), in one transaction.
 */
export class SqliteDocuments {
  private readonly selectDocument;
  private readonly insertDocument;
  private readonly selectState;
  private readonly selectUpdatesAfter;
  private readonly selectLastCheckpoint;
  private readonly selectSince;
  private readonly insertUpdate;
  private readonly insertClaim;
  private readonly selectLatestVersion;
  private readonly extendVersion;
  private readonly insertVersion;
  private readonly selectUpdateOfDocument;
  private readonly upsertState;
  private readonly insertCheckpoint;
  private readonly selectClaims;
  private readonly selectVersions;
  private readonly selectVersion;
  private readonly selectCheckpointBefore;
  private readonly selectStateBefore;
  private readonly selectSlice;
  private readonly updateStats;
  private readonly appendTransaction;
  private readonly compactTransaction;
  /**
   * What is known to be committed, so that storing an update skips statements that could change
   * nothing: each document's id (rows are never renamed or deleted) and the client ids claimed in
   * it (a claim, once stored, never changes: `INSERT OR IGNORE`). Filled only after an outermost
   * transaction commits, so that a rolled-back one teaches nothing.
   */
  private readonly committedIds = new Map<string, number>();
  private readonly committedClaims = new Map<number, Set<number>>();

  constructor(private readonly db: Database.Database) {
    this.selectDocument = db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE name = ?');
    this.insertDocument = db.prepare<[string]>('INSERT INTO documents (name) VALUES (?)');
    this.selectState = db.prepare<[number], { through_id: number; state: Buffer }>('SELECT through_id, state FROM doc_state WHERE doc = ?');
    this.selectUpdatesAfter = db.prepare<[number, number], { id: number; data: Buffer }>('SELECT id, data FROM doc_history WHERE doc = ? AND id > ? ORDER BY id');
    this.selectLastCheckpoint = db.prepare<[number], { through_id: number }>(
      'SELECT through_id FROM doc_checkpoints WHERE doc = ? ORDER BY through_id DESC LIMIT 1',
    );
    this.selectSince = db.prepare<[number, number], { n: number; bytes: number }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(length(data)), 0) AS bytes FROM doc_history WHERE doc = ? AND id > ?',
    );
    this.insertUpdate = db.prepare<[number, number, string | null, string, Buffer]>('INSERT INTO doc_history (doc, at, author, kind, data) VALUES (?, ?, ?, ?, ?)');
    this.insertClaim = db.prepare<[number, number, string | null, number]>(
      'INSERT OR IGNORE INTO doc_clients (doc, client_id, author, carried_over) VALUES (?, ?, ?, ?)',
    );
    this.selectLatestVersion = db.prepare<[number, string | null], { id: number; kind: string; started_at: number; updates: number }>(
      'SELECT id, kind, started_at, updates FROM doc_versions WHERE doc = ? AND author IS ? ORDER BY id DESC LIMIT 1',
    );
    this.extendVersion = db.prepare<[number, number, number]>(
      'UPDATE doc_versions SET last_id = ?, ended_at = MAX(ended_at, ?), updates = updates + 1 WHERE id = ?',
    );
    this.insertVersion = db.prepare<[number, string, string | null, number, number, number, number, number | null, string | null]>(
      `INSERT INTO doc_versions (doc, kind, author, first_id, last_id, started_at, ended_at, updates, restored_from, carried_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    this.selectUpdateOfDocument = db.prepare<[number, number], { id: number }>('SELECT id FROM doc_history WHERE id = ? AND doc = ?');
    this.upsertState = db.prepare<[number, number, Buffer]>(
      `INSERT INTO doc_state (doc, through_id, state) VALUES (?, ?, ?)
       ON CONFLICT (doc) DO UPDATE SET through_id = excluded.through_id, state = excluded.state WHERE excluded.through_id >= doc_state.through_id`,
    );
    this.insertCheckpoint = db.prepare<[number, number, Buffer]>('INSERT OR IGNORE INTO doc_checkpoints (doc, through_id, state) VALUES (?, ?, ?)');
    this.selectClaims = db.prepare<[number], { client_id: number; author: string | null; carried_over: number }>(
      'SELECT client_id, author, carried_over FROM doc_clients WHERE doc = ? ORDER BY client_id',
    );
    this.selectVersions = db.prepare<[number], VersionRow>(`${VERSION_SELECT} WHERE v.doc = ? ORDER BY v.id`);
    this.selectVersion = db.prepare<[number, number], VersionRow>(`${VERSION_SELECT} WHERE v.doc = ? AND v.id = ?`);
    this.selectCheckpointBefore = db.prepare<[number, number], { through_id: number; state: Buffer }>(
      'SELECT through_id, state FROM doc_checkpoints WHERE doc = ? AND through_id < ? ORDER BY through_id DESC LIMIT 1',
    );
    this.selectStateBefore = db.prepare<[number, number], { through_id: number; state: Buffer }>(
      'SELECT through_id, state FROM doc_state WHERE doc = ? AND through_id < ?',
    );
    this.selectSlice = db.prepare<[number, number, number], { id: number; author: string | null; kind: HistoryUpdate['kind']; data: Buffer }>(
      'SELECT id, author, kind, data FROM doc_history WHERE doc = ? AND id > ? AND id <= ? ORDER BY id',
    );
    this.updateStats = db.prepare<[number, number, number, number]>('UPDATE doc_versions SET words_added = ?, words_removed = ?, stats_through = ? WHERE id = ?');

    this.appendTransaction = db.transaction((docName: string, update: Uint8Array, origin: UpdateOrigin): Appended => {
      const doc = this.committedIds.get(docName) ?? this.documentId(docName) ?? Number(this.insertDocument.run(docName).lastInsertRowid);
      const at = msOf(origin.at);
      const id = Number(this.insertUpdate.run(doc, at, origin.author, origin.kind, asBuffer(update)).lastInsertRowid);
      const claimed = this.committedClaims.get(doc);
      const clients: number[] = [];
      for (const client of origin.clients) {
        if (claimed?.has(client)) continue;
        this.insertClaim.run(doc, client, origin.author, 0);
        clients.push(client);
      }
      for (const claim of origin.carried?.claims ?? []) {
        if (claimed?.has(claim.clientId)) continue;
        this.insertClaim.run(doc, claim.clientId, claim.author, 1);
        clients.push(claim.clientId);
      }
      const stored = { doc, clients };
      const latest = this.selectLatestVersion.get(doc, origin.author);
      const latestNarrative = latest?.kind === 'narrative' ? latest : undefined;
      if (origin.kind === 'edit' && latestNarrative && at - latestNarrative.started_at < VERSION_SPAN_MS && latestNarrative.updates < VERSION_MAX_UPDATES) {
        this.extendVersion.run(id, at, latestNarrative.id);
        return { update: { id, version: latestNarrative.id, closed: [] }, stored };
      }
      const kind = origin.kind === 'edit' ? 'narrative' : origin.kind;
      const version = Number(
        this.insertVersion.run(doc, kind, origin.author, id, id, at, at, origin.restoredFrom ?? null, origin.carried?.from ?? null).lastInsertRowid,
      );
      // The author's previous version can no longer grow; a restore or a first state never does.
      const closed = latestNarrative ? [latestNarrative.id] : [];
      if (kind !== 'narrative') closed.push(version);
      return { update: { id, version, closed }, stored };
    });
    this.compactTransaction = db.transaction((docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean) => {
      const doc = this.documentId(docName);
      if (doc === null || !this.selectUpdateOfDocument.get(throughId, doc)) throw new Error(`update ${throughId} is not one of ${docName}`);
      this.upsertState.run(doc, throughId, asBuffer(merged));
      if (checkpoint) this.insertCheckpoint.run(doc, throughId, asBuffer(merged));
    });
  }

  private documentId(docName: string): number | null {
    return this.selectDocument.get(docName)?.id ?? null;
  }

  load(docName: string): StoredDocument {
    const doc = this.documentId(docName);
    if (doc === null) return { updates: [], lastId: 0, sinceCheckpoint: { updates: 0, bytes: 0 } };
    const state = this.selectState.get(doc);
    const rows = this.selectUpdatesAfter.all(doc, state?.through_id ?? 0);
    const since = this.selectSince.get(doc, this.selectLastCheckpoint.get(doc)?.through_id ?? 0);
    return {
      updates: [...(state ? [asBytes(state.state)] : []), ...rows.map((row) => asBytes(row.data))],
      lastId: rows.at(-1)?.id ?? state?.through_id ?? 0,
      sinceCheckpoint: { updates: since?.n ?? 0, bytes: since?.bytes ?? 0 },
    };
  }

  /** Stores one update with its origin, all or nothing. Also how other aggregates store a document's first state. */
  append(docName: string, update: Uint8Array, origin: UpdateOrigin): AppendedUpdate {
    const outermost = !this.db.inTransaction;
    const { update: appended, stored } = this.appendTransaction.immediate(docName, update, origin);
    if (outermost) {
      this.committedIds.set(docName, stored.doc);
      let claimed = this.committedClaims.get(stored.doc);
      // Bounded: forgetting costs only the statements it saved.
      if (!claimed || claimed.size > MAX_REMEMBERED_CLAIMS) this.committedClaims.set(stored.doc, (claimed = new Set()));
      for (const client of stored.clients) claimed.add(client);
    }
    return appended;
  }

  compact(docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean): void {
    this.compactTransaction.immediate(docName, throughId, merged, checkpoint);
  }

  clients(docName: string): ClientClaim[] {
    const doc = this.documentId(docName);
    if (doc === null) return [];
    return this.selectClaims.all(doc).map(toClientClaim);
  }

  versions(docName: string): VersionRecord[] {
    const doc = this.documentId(docName);
    return doc === null ? [] : this.selectVersions.all(doc).map(toVersion);
  }

  version(docName: string, id: number): VersionRecord | null {
    const doc = this.documentId(docName);
    const row = doc === null ? undefined : this.selectVersion.get(doc, id);
    return row ? toVersion(row) : null;
  }

  readHistory(docName: string, beforeId: number, throughId: number): HistorySlice {
    const doc = this.documentId(docName);
    if (doc === null) return { base: null, baseId: 0, updates: [] };
    const checkpoint = this.selectCheckpointBefore.get(doc, beforeId);
    const state = this.selectStateBefore.get(doc, beforeId);
    const base = checkpoint && state ? (state.through_id > checkpoint.through_id ? state : checkpoint) : (checkpoint ?? state ?? null);
    const baseId = base?.through_id ?? 0;
    return {
      base: base ? asBytes(base.state) : null,
      baseId,
      updates: this.selectSlice.all(doc, baseId, throughId).map((row) => ({ id: row.id, author: row.author, kind: row.kind, data: asBytes(row.data) })),
    };
  }

  setStats(id: number, wordsAdded: number, wordsRemoved: number, throughId: number): void {
    this.updateStats.run(wordsAdded, wordsRemoved, throughId, id);
  }
}
