import type { MinistryCode } from '../../shared/ministries.js';
import type { ImportWarning } from '../../shared/plan.js';
import type { Round, RoundDetail } from '../../shared/round.js';
import type { MeasureFields, MeasureFieldsPatch } from '../../shared/measure.js';

/**
 * Storage behind the server, as two small interfaces: the Yjs lifecycle only sees
 * DocumentStore, the HTTP API only sees RoundStore. Both are async so that a PostgreSQL
 * implementation is an addition, not a rewrite.
 */

/** The stored update log of one Yjs document. */
export interface StoredDocument {
  updates: Uint8Array[];
  /** Id of the last stored update (0 when there is none); compaction replaces up to it. */
  lastId: number;
}

export interface DocumentStore {
  /** Every stored update of a document, oldest first. */
  loadDocument(docName: string): Promise<StoredDocument>;
  /** Stores one update durably; resolves only once it is committed. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  /** Replaces the updates up to and including `throughId` by one merged update, atomically. */
  compactDocument(docName: string, throughId: number, merged: Uint8Array): Promise<void>;
}

/** One measure in one round, as stored. */
export interface MeasureRecord extends MeasureFields {
  roundId: string;
  number: number;
  title: string;
  ministries: MinistryCode[];
  planText: string;
  narrativeEmpty: boolean;
  updatedAt: string;
}

/** Everything needed to create a round from an imported report, written in one transaction. */
export interface RoundSeed {
  plan: { id: string; title: string; reportTitle: string };
  round: Round & { intro: string };
  measures: (Omit<MeasureRecord, 'roundId' | 'updatedAt'> & { initialUpdate: Uint8Array; docName: string })[];
  warnings: ImportWarning[];
  createdAt: string;
}

export interface RoundStore {
  /** True when no round exists yet (a fresh DATA_DIR). */
  isEmpty(): Promise<boolean>;
  /** Creates plan, round, measures and their narrative documents, all or nothing. */
  seedRound(seed: RoundSeed): Promise<void>;
  listRounds(): Promise<Round[]>;
  getRound(roundId: string): Promise<RoundDetail | null>;
  listMeasures(roundId: string): Promise<MeasureRecord[]>;
  getMeasure(roundId: string, number: number): Promise<MeasureRecord | null>;
  /** Applies a validated patch; null if the measure does not exist. */
  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null>;
  /** Records whether a measure's narrative is empty; true if that changed anything. */
  setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean>;
}

export interface Store extends DocumentStore, RoundStore {
  close(): void;
}
