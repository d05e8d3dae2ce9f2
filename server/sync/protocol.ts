import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import type { AwarenessState } from '../../shared/awareness.js';
import { MESSAGE_HEARTBEAT } from '../../shared/syncMessages.js';
import type { DecodedUpdate } from './updateGuard.js';

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A client message, fully decoded and validated before it touches any document. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: ReceivedAwarenessEntry[] }
  | { kind: 'queryAwareness' }
  | { kind: 'heartbeat' };

/** One client's entry in an awareness update, as relayed. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: AwarenessState | null;
}

/**
 * One client's entry as received: its state still JSON text, read only for the entries the
 * connection may set (see Room), so that a flood of foreign entries costs no parsing.
 */
export interface ReceivedAwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/** Thrown for anything that is not a well-formed y-websocket client message. */
export class MalformedMessageError extends Error {}

/** Thrown for an update that depends on changes the document does not have: the client must resync. */
export class OutOfSyncError extends Error {}

/**
 * Decodes one binary frame. Updates are parsed in full (Y.decodeUpdate) before they are
 * applied, because Y.applyUpdate may integrate half of a truncated update before it throws.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          Y.decodeStateVector(payload);
          return { kind: 'syncStep1', stateVector: payload };
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          return { kind: 'update', update: payload, decoded: withLengths(Y.decodeUpdate(payload)) };
        }
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      case MESSAGE_AWARENESS: {
        return { kind: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
      }
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'queryAwareness' };
      case MESSAGE_HEARTBEAT:
        return { kind: 'heartbeat' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * `decoded` if it is written as Yjs writes updates; a MalformedMessageError otherwise:
 * - every struct and every deletion has a length. Yjs integrates a struct of length 0 that starts
 *   at its client's current clock, and the document then encodes a state (a deletion of length 0)
 *   that no fresh client can apply: every later reader of the measure would fail to load it;
 * - each client's structs come in one group, each starting where the one before it ends (gaps
 *   are written as skips). `Y.decodeUpdate` lists every group, but `Y.applyUpdate` keeps only the
 *   last group of a client: the guard would judge structs that never reach the document.
 */
function withLengths(decoded: DecodedUpdate): DecodedUpdate {
  const ends = new Map<number, number>();
  let client: number | null = null;
  for (const struct of decoded.structs) {
    if (struct.length < 1) throw new MalformedMessageError(`a struct of no length at ${struct.id.client}:${struct.id.clock}`);
    const end = ends.get(struct.id.client);
    if (struct.id.client !== client && end !== undefined) throw new MalformedMessageError(`a second group of structs of client ${struct.id.client}`);
    if (end !== undefined && struct.id.clock !== end) throw new MalformedMessageError(`structs of client ${struct.id.client} that do not follow each other at ${struct.id.clock}`);
    client = struct.id.client;
    ends.set(client, struct.id.clock + struct.length);
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) if (len < 1) throw new MalformedMessageError(`a deletion of no length at ${client}:${clock}`);
  }
  return decoded;
}

/** Decodes an awareness update's framing: client ids, clocks, and each state's JSON text. */
function decodeAwarenessUpdate(update: Uint8Array): ReceivedAwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: ReceivedAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
  }
  return entries;
}

/**
 * An awareness message of entries whose states are JSON already (each written once, for every
 * receiver): what `encodeAwareness` would write for them.
 */
export function encodeAwarenessMessage(entries: readonly ReceivedAwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, entry.json);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

/** The y-protocols auth message "permission denied", which the stock provider reports. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** The heartbeat's answer: the same one byte (shared/syncMessages.ts). */
export const HEARTBEAT_ANSWER = encoding.encode((encoder) => encoding.writeVarUint(encoder, MESSAGE_HEARTBEAT));
