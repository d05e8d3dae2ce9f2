import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FanoutMessage } from './Fanout.js';

/**
 * One message on the channel: who sent it and its number in that instance's sequence, then what
 * it says; a ping (no message) carries the number of the last message sent, so that a receiver
 * learns of a lost one without waiting for the next.
 */
export interface Envelope {
  instance: string;
  seq: number;
  message: FanoutMessage | null;
}

const PING = 0;
const UPDATE = 1;

export function encodeEnvelope({ instance, seq, message }: Envelope): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instance);
  encoding.writeVarUint(encoder, seq);
  if (message === null) {
    encoding.writeVarUint(encoder, PING);
    return encoding.toUint8Array(encoder);
  }
  encoding.writeVarUint(encoder, UPDATE);
  encoding.writeVarString(encoder, message.docName);
  encoding.writeVarUint(encoder, message.author === null ? 0 : 1);
  if (message.author !== null) encoding.writeVarString(encoder, message.author);
  encoding.writeVarUint(encoder, message.clients.length);
  for (const client of message.clients) encoding.writeVarUint(encoder, client);
  encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

/** Throws on anything that is not an envelope this version writes. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const decoder = decoding.createDecoder(bytes);
  const instance = decoding.readVarString(decoder);
  const seq = decoding.readVarUint(decoder);
  const kind = decoding.readVarUint(decoder);
  let message: FanoutMessage | null;
  switch (kind) {
    case PING:
      message = null;
      break;
    case UPDATE: {
      const docName = decoding.readVarString(decoder);
      const author = decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder);
      const count = decoding.readVarUint(decoder);
      if (count > bytes.byteLength) throw new Error('more client ids than bytes');
      const clients: number[] = [];
      for (let i = 0; i < count; i++) clients.push(decoding.readVarUint(decoder));
      message = { kind: 'update', docName, author, clients, update: decoding.readVarUint8Array(decoder) };
      break;
    }
    default:
      throw new Error(`unknown message kind ${kind}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return { instance, seq, message };
}
