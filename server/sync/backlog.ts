/**
 * One socket's decoded messages not yet handed to its room, in the order they came, with a bound:
 * once `maxBytes` of frames wait (the room is loading, or answering a message only once what came
 * before it is stored), `hold` is called, so that the socket is read no further and TCP holds the
 * client back; `release` once they are below it again. A client that sends faster than its
 * messages are handled costs the server at most about `maxBytes` plus what one read brought. (A
 * socket held that long stops answering pings too, and the heartbeat ends it.)
 */
export class Backlog<T> {
  /** In order from `head`: a queue that hands out without moving what is left (`Array#shift` copies). */
  private waiting: { item: T; bytes: number }[] = [];
  private head = 0;
  private bytes = 0;
  private held = false;

  constructor(
    private readonly maxBytes: number,
    private readonly hold: () => void,
    private readonly release: () => void,
  ) {}

  push(item: T, bytes: number): void {
    this.waiting.push({ item, bytes });
    this.bytes += bytes;
    if (!this.held && this.bytes >= this.maxBytes) {
      this.held = true;
      this.hold();
    }
  }

  shift(): T | undefined {
    const next = this.waiting[this.head];
    if (next === undefined) return undefined;
    this.head++;
    // Once the handed-out part is the larger, keep only what waits.
    if (this.head * 2 >= this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    this.bytes -= next.bytes;
    if (this.held && this.bytes < this.maxBytes) {
      this.held = false;
      this.release();
    }
    return next.item;
  }

  /** Drops what waits (the socket closed); nothing is released. */
  clear(): void {
    this.waiting = [];
    this.head = 0;
    this.bytes = 0;
    this.held = false;
  }
}
