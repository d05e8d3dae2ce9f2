import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Fanout, FanoutListener, FanoutMessage } from './Fanout.js';
import { decodeEnvelope, encodeEnvelope } from './messages.js';

/** The one channel every instance publishes to and listens on. */
export const FANOUT_CHANNEL = 'samskriv:fanout';

/** How often an instance says how many messages it sent: a receiver learns of a lost one at most this late. */
export const FANOUT_PING_INTERVAL_MS = 5_000;

/**
 * Pings of its own an instance sends without hearing from another before that one counts as gone
 * (killed, or cut off from Redis). Counted in its own pings, not in time: after this process
 * stalled (a long GC, a busy machine) the others' messages wait in its socket, and a stall counts
 * as one ping, so a healthy instance is not taken for gone for it.
 */
const SILENT_PINGS = 3;

/**
 * Redis pub/sub between the instances (ioredis): one connection publishes, one listens. Pub/sub
 * delivers at most once, so nothing relies on it for what is stored: an instance that may have
 * missed a message (its subscription came back after a loss, or an instance's numbering skipped)
 * tells its listeners to catch up from the store. Publishing never waits for Redis: while it is
 * unreachable messages are dropped (and numbered, so that the others notice).
 */
export class RedisFanout implements Fanout {
  readonly shared = true;
  /** This process, in every message it sends (it ignores its own). */
  readonly instanceId = randomUUID();
  private seq = 0;
  /** Pings this instance has sent. */
  private pings = 0;
  /** Last number seen of each other instance since the subscription last started, and at which of our pings. */
  private readonly lastSeen = new Map<string, { seq: number; ping: number }>();
  private readonly listeners: FanoutListener[] = [];
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pingTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    url: string,
    private readonly log: (message: string) => void,
    pingIntervalMs = FANOUT_PING_INTERVAL_MS,
  ) {
    // Without the offline queue a command fails at once while Redis is unreachable, instead of piling up.
    this.publisher = this.connection(url, 'publishing', { enableOfflineQueue: false });
    // Subscribed anew on every (re)connection, below, so that a catch-up follows each one.
    this.subscriber = this.connection(url, 'listening', { autoResubscribe: false });
    this.subscriber.on('ready', () => {
      this.lastSeen.clear();
      this.subscriber.subscribe(FANOUT_CHANNEL).then(
        // Whatever was published before the subscription took is in the store by now.
        () => this.missed(),
        (error: unknown) => this.log(`subscribing to ${FANOUT_CHANNEL} failed: ${String(error)}`),
      );
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() === FANOUT_CHANNEL) this.receive(message);
    });
    this.pingTimer = setInterval(() => {
      this.pings++;
      this.send(null);
      // After what has arrived meanwhile is read (the poll phase comes before setImmediate's).
      setImmediate(() => this.forgetSilent(this.pings - SILENT_PINGS));
    }, pingIntervalMs);
    this.pingTimer.unref();
  }

  publish(message: FanoutMessage): void {
    this.send(message);
  }

  listen(listener: FanoutListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    // QUIT waits for what was sent; while Redis is unreachable there is nothing to wait for.
    await Promise.all(
      [this.publisher, this.subscriber].map(async (redis) => {
        if (redis.status !== 'ready') return redis.disconnect();
        await redis.quit().catch(() => redis.disconnect());
      }),
    );
  }

  private connection(url: string, role: string, options: { enableOfflineQueue?: boolean; autoResubscribe?: boolean }): Redis {
    const redis = new Redis(url, { ...options, maxRetriesPerRequest: 1, connectionName: `samskriv-${role}` });
    // ioredis reports every failed reconnection attempt: say once that it is down, once that it is back.
    let down = false;
    redis.on('error', (error: unknown) => {
      if (down || this.closed) return;
      down = true;
      this.log(`Redis (${role}) is unreachable; instances catch up from the store once it is back: ${String(error)}`);
    });
    redis.on('ready', () => {
      if (!down) return;
      down = false;
      this.log(`Redis (${role}) is back`);
    });
    return redis;
  }

  private send(message: FanoutMessage | null): void {
    if (this.closed) return;
    if (message !== null) this.seq++;
    if (this.publisher.status !== 'ready') return;
    const bytes = encodeEnvelope({ instance: this.instanceId, seq: this.seq, message });
    this.publisher.publish(FANOUT_CHANNEL, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => undefined);
  }

  private receive(raw: Buffer): void {
    let envelope;
    try {
      envelope = decodeEnvelope(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
    } catch (error) {
      this.log(`ignored a message on ${FANOUT_CHANNEL} that is not ours: ${String(error)}`);
      return;
    }
    const { instance, seq, message } = envelope;
    if (instance === this.instanceId) return;
    const last = this.lastSeen.get(instance)?.seq ?? 0;
    // A ping repeats the last number sent; a message is the next one.
    const lost = message === null ? seq > last : seq !== last + 1;
    this.lastSeen.set(instance, { seq: Math.max(last, seq), ping: this.pings });
    if (message !== null) {
      for (const listener of this.listeners) {
        try {
          listener.message(message, instance);
        } catch (error) {
          this.log(`handling a message of another instance failed: ${String(error)}`);
        }
      }
    }
    if (lost) this.missed();
  }

  /**
   * An instance that fell silent may have stored updates it never announced (killed between its
   * commit and its publish): once it has been silent for a few pings, catch up from the store,
   * and forget the presence of its connections (no carets of people it can no longer speak for).
   */
  private forgetSilent(before: number): void {
    if (this.closed) return;
    const silent: string[] = [];
    for (const [instance, { ping }] of this.lastSeen) {
      if (ping >= before) continue;
      this.lastSeen.delete(instance);
      silent.push(instance);
    }
    if (silent.length === 0) return;
    this.missed();
    for (const instance of silent) {
      for (const listener of this.listeners) {
        try {
          listener.gone?.(instance);
        } catch (error) {
          this.log(`forgetting a silent instance failed: ${String(error)}`);
        }
      }
    }
  }

  private missed(): void {
    for (const listener of this.listeners) listener.missed();
  }
}
