import { freezeDueRounds } from '../commands/freezeDueRounds.js';
import type { Commands } from '../commands/command.js';
import type { RoundStore } from '../store/types.js';

/** How often deadlines are checked: a round freezes at most this long after its deadline. */
export const DEADLINE_CHECK_INTERVAL_MS = 1_000;

/**
 * Runs `freeze` unless another instance is freezing right now (then resolves without running it:
 * that instance freezes, and this one finds nothing due at its next check). One instance alone
 * always runs it.
 */
export type FreezeExclusively = (freeze: () => Promise<unknown>) => Promise<void>;

const alone: FreezeExclusively = async (freeze) => {
  await freeze();
};

/**
 * Checks deadlines every interval (and once at start); freezes rounds whose deadline passed,
 * exactly once however many instances watch the same database (`exclusively`).
 */
export class DeadlineWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<RoundStore, 'dueRounds'>,
    private readonly commands: Commands,
    private readonly intervalMs: number,
    private readonly log: (message: string) => void,
    /** Told of every check and whether it succeeded (the metrics). */
    private readonly observe: (ok: boolean) => void = () => undefined,
    private readonly exclusively: FreezeExclusively = alone,
  ) {}

  /** Handles deadlines that passed while the server was down, then watches. */
  async start(): Promise<void> {
    // A failure here must not keep the server down: the watch below tries again every interval.
    await this.exclusively(() => this.commands.run(freezeDueRounds(true))).then(
      () => this.observe(true),
      (error: unknown) => {
        this.observe(false);
        this.log(`deadline check at start failed: ${String(error)}`);
      },
    );
    this.timer = setInterval(() => {
      this.running = this.running.then(() =>
        this.check().then(
          () => this.observe(true),
          (error: unknown) => {
            this.observe(false);
            this.log(`deadline check failed: ${String(error)}`);
          },
        ),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  /** A read first: the freeze (a write transaction) runs only when a deadline has passed. */
  private async check(): Promise<void> {
    if ((await this.store.dueRounds(new Date().toISOString())).length === 0) return;
    await this.exclusively(() => this.commands.run(freezeDueRounds(false)));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
