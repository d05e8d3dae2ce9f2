import { z } from 'zod';
import { api, type Target } from './session.js';
import { ROUND_EVENT_NAME, RoundEventSchema, type RoundEvent } from '../../shared/api.js';

export interface EventStream<E = RoundEvent> {
  /** Every event received so far, validated against the shared schema. */
  events: E[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads a server-sent event stream at `path` as a browser's EventSource would: the `eventName` events, parsed with `schema`. */
export async function openStream<E>(target: Target, path: string, eventName: string, schema: z.core.$ZodType<E>): Promise<EventStream<E>> {
  const abort = new AbortController();
  const response = await api(target, path, { signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`${path}: HTTP ${response.status}`);
  const events: E[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const name = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (name === eventName) events.push(z.parse(schema, JSON.parse(data)));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, ended, close: () => abort.abort() };
}

/** Reads `GET /api/rounds/:roundId/events` as a browser's EventSource would. */
export function openEventStream(target: Target, roundId: string): Promise<EventStream> {
  return openStream(target, `/api/rounds/${roundId}/events`, ROUND_EVENT_NAME, RoundEventSchema);
}
