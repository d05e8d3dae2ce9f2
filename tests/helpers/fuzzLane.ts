import * as decoding from 'lib0/decoding';
import { WebSocket as WS } from 'ws';
import { openRawSocket } from './clients.js';
import type { Target } from './session.js';

/** How long the server may take to answer a probe before the fuzz run calls it stuck. */
const PROBE_TIMEOUT_MS = 20_000;

/** Counts of what happened on lanes during a fuzz run, printed with the run. */
export interface LaneStats {
  framesSent: number;
  hostileSent: number;
  framesSkipped: number;
  reopened: number;
  permissionDenied: number;
  closes: Map<number, number>;
}

export function emptyLaneStats(): LaneStats {
  return { framesSent: 0, hostileSent: 0, framesSkipped: 0, reopened: 0, permissionDenied: 0, closes: new Map() };
}

/**
 * One raw socket of the fuzz run, as one session, to one room. It sends frames without
 * waiting for answers; `probe()` is the round trip that paces it (a sync step 1, answered
 * in order after everything sent before it, or the socket closing). A closed socket is
 * reopened on the next send: closing a connection is the server's answer to a bad frame.
 */
export class FuzzLane {
  private socket: WS | null = null;
  /** Step 2 answers due: one per probe and per valid step 1 sent. */
  private answersDue = 0;
  private answers = 0;
  private waiters: (() => void)[] = [];
  /** Bumped whenever the server refused something or the socket closed: edits may be lost. */
  refusals = 0;

  constructor(
    readonly name: string,
    private readonly target: Target,
    private readonly docName: string,
    readonly canWrite: boolean,
    private readonly stats: LaneStats,
    /** The frame to probe with: a sync step 1 close to the room's state, so the answer is small. */
    private readonly probeFrame: () => Uint8Array,
  ) {}

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === WS.OPEN;
  }

  /** Opens a socket unless one is open. */
  async ensureOpen(): Promise<void> {
    if (this.isOpen) return;
    if (this.socket) this.stats.reopened++;
    this.answersDue = 0;
    this.answers = 0;
    const socket = await openRawSocket(this.target, this.docName, { onFrame: (frame) => this.onFrame(frame) });
    socket.on('close', (code: number) => {
      this.stats.closes.set(code, (this.stats.closes.get(code) ?? 0) + 1);
      if (this.socket === socket) this.refusals++;
      this.wake();
    });
    // A socket error is followed by a close; the close is what counts.
    socket.on('error', () => undefined);
    this.socket = socket;
  }

  /** Sends one frame if the socket is open; false if it had closed. `answered`: a valid step 1. */
  send(data: Uint8Array | string, hostile: boolean, answered = false): boolean {
    if (!this.isOpen) return false;
    this.socket!.send(data);
    if (answered) this.answersDue++;
    this.stats.framesSent++;
    if (hostile) this.stats.hostileSent++;
    return true;
  }

  /** Resolves once the server has handled everything sent so far: it answered a probe, or closed the socket. */
  async probe(): Promise<'answered' | 'closed'> {
    if (!this.isOpen) return 'closed';
    this.socket!.send(this.probeFrame());
    const expected = ++this.answersDue;
    const socket = this.socket!;
    const deadline = Date.now() + PROBE_TIMEOUT_MS;
    // How late the timer fired: the server and the fuzz share this process's event loop, and
    // a timer that fires late ran before the socket's pending frames were read.
    let late = 0;
    while (this.answers < expected && socket.readyState === WS.OPEN) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const blocked = late > 1_000 ? ` (its timer fired ${late} ms late: synchronous work in the fuzz or the server blocked the event loop)` : '';
        throw new Error(`lane ${this.name}: the server did not answer a probe within ${PROBE_TIMEOUT_MS} ms${blocked}`);
      }
      await new Promise<void>((resolve) => {
        const due = Date.now() + remaining;
        const timer = setTimeout(() => {
          late = Math.max(late, Date.now() - due);
          resolve();
        }, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.answers >= expected ? 'answered' : 'closed';
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private onFrame(frame: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type === 0 && decoding.readVarUint(decoder) === 1) {
        // A sync step 2: the answer to a probe or to a step 1 the fuzz sent (a mutated frame
        // that happens to be a valid step 1 makes one more; probes then resolve early, which
        // only costs a scratch rebuild).
        this.answers++;
        this.wake();
      } else if (type === 2) {
        this.stats.permissionDenied++;
        this.refusals++;
      }
    } catch {
      // The server's frames are not under test here.
    }
  }
}
