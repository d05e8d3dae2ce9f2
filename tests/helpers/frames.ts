import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One awareness entry as a client sends it; `json` overrides the encoding of `state`. */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  state?: unknown;
  json?: string;
}

/** A y-websocket awareness message carrying these entries. */
export function awarenessFrame(entries: readonly RawAwarenessEntry[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, entry.json ?? JSON.stringify(entry.state ?? null));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // awareness
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync step 1: the sender's state vector, asking for what it lacks. */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 0); // step 1
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync "update" message carrying a Yjs update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The reasons of the y-protocols auth "permission denied" messages among frames a raw socket received. */
export function permissionDeniedReasons(frames: readonly Uint8Array[]): string[] {
  const reasons: string[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 0) continue;
    reasons.push(decoding.readVarString(decoder));
  }
  return reasons;
}
