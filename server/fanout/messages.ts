import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { RoundEventSchema, type RoundEvent } from '../../shared/api.js';
import { NotificationEventSchema, type NotificationEvent } from '../../shared/notifications.js';
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
const PRESENCE = 2;
const ROUND = 3;
const NOTIFICATION = 4;
const SESSION_ENDED = 5;

/** An event as JSON, checked against its schema; the JSON itself is delivered, as the publisher had it. */
function readEvent<T>(decoder: decoding.Decoder, schema: { safeParse(value: unknown): { success: boolean } }): T {
  const json: unknown = JSON.parse(decoding.readVarString(decoder));
  if (!schema.safeParse(json).success) throw new Error('an event that does not match its schema');
  return json as T;
}

export function encodeEnvelope({ instance, seq, message }: Envelope): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instance);
  encoding.writeVarUint(encoder, seq);
  if (message === null) {
    encoding.writeVarUint(encoder, PING);
    return encoding.toUint8Array(encoder);
  }
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, UPDATE);
      encoding.writeVarString(encoder, message.docName);
      encoding.writeVarUint(encoder, message.author === null ? 0 : 1);
      if (message.author !== null) encoding.writeVarString(encoder, message.author);
      encoding.writeVarUint(encoder, message.clients.length);
      for (const client of message.clients) encoding.writeVarUint(encoder, client);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'presence':
      encoding.writeVarUint(encoder, PRESENCE);
      encoding.writeVarString(encoder, message.docName);
      encoding.writeVarUint(encoder, message.sessionId === null ? 0 : 1);
      if (message.sessionId !== null) encoding.writeVarString(encoder, message.sessionId);
      encoding.writeVarUint8Array(encoder, message.message);
      break;
    case 'round':
      encoding.writeVarUint(encoder, ROUND);
      encoding.writeVarString(encoder, JSON.stringify(message.event));
      break;
    case 'notification':
      encoding.writeVarUint(encoder, NOTIFICATION);
      encoding.writeVarString(encoder, message.username);
      encoding.writeVarString(encoder, JSON.stringify(message.event));
      break;
    case 'sessionEnded':
      encoding.writeVarUint(encoder, SESSION_ENDED);
      break;
  }
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
    case PRESENCE: {
      const docName = decoding.readVarString(decoder);
      const sessionId = decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder);
      message = { kind: 'presence', docName, sessionId, message: decoding.readVarUint8Array(decoder) };
      break;
    }
    case ROUND:
      message = { kind: 'round', event: readEvent<RoundEvent>(decoder, RoundEventSchema) };
      break;
    case NOTIFICATION:
      message = { kind: 'notification', username: decoding.readVarString(decoder), event: readEvent<NotificationEvent>(decoder, NotificationEventSchema) };
      break;
    case SESSION_ENDED:
      message = { kind: 'sessionEnded' };
      break;
    default:
      throw new Error(`unknown message kind ${kind}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return { instance, seq, message };
}
