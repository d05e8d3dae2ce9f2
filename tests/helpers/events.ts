import { api, type Target } from './session.js';
import { ROUND_EVENT_NAME, RoundEventSchema, type RoundEvent } from '../../shared/api.js';

export interface EventStream {
  /** Every round event received so far, validated against the shared schema. */
  events: RoundEvent[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads `GET /api/rounds/:roundId/events` as a browser's EventSource would. */
export async function openEventStream(target: Target, roundId: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await api(target, `/api/rounds/${roundId}/events`, { signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
  const events: RoundEvent[] = [];
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
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const name = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (name === ROUND_EVENT_NAME) events.push(RoundEventSchema.parse(JSON.parse(data)));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, ended, close: () => abort.abort() };
}
