import type { Piscina } from 'piscina';
import type { DiffPart, MeasureComparison } from '../../shared/diff.js';
import type { ContentSource, ExportResult, ExportTask } from './exportWorker.js';
import type { ExportExtension } from './fileName.js';
import type { ExportMeta } from './meta.js';

/** Tasks waiting for the renderer's thread; one more is refused at once (503, try again shortly). */
const MAX_WAITING = 4;
/** A task not done in this long is given up, its thread ended. */
const RENDER_TIMEOUT_MS = 120_000;
/** The heap of the renderer's thread: a report too large for it fails alone, not the server. */
const RENDER_HEAP_MB = 1024;
/** An idle renderer's thread ends after this: a server that is not exporting holds none. */
const IDLE_MS = 30_000;

const FORMAT_NAMES: Record<ExportExtension, string> = { pdf: 'PDF', docx: 'DOCX', html: 'HTML', md: 'Markdown', json: 'JSON' };

/** What to try instead when a format cannot be made: a lighter format, or waiting. */
function instead(format: ExportExtension | 'comparison'): string {
  switch (format) {
    case 'pdf':
      return 'export DOCX or HTML instead';
    case 'comparison':
      return 'compare fewer or smaller versions';
    case 'json':
      return 'try again when the server is less busy';
    default:
      return 'export JSON instead';
  }
}

/** Why an export or comparison was not made: the renderer is `busy` (try again), or the report is `too_large` for it. */
export class RenderRefusal extends Error {
  constructor(
    readonly reason: 'busy' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Makes exports (every format) and comparisons on a thread of their own (Piscina), one at a time,
 * from what the main thread read cheaply (a snapshot's JSON, the live round's stored updates), so
 * that a large report does not stop the server for everyone while its narratives are built, it
 * is laid out or diffed; bounded in the number waiting, in time and in memory. The thread starts
 * at the first task and ends when idle. What reading a report found wrong is logged.
 */
export class ExportRenderer {
  private pool: Promise<Piscina> | null = null;

  constructor(
    private readonly log: (message: string) => void,
    private readonly timeoutMs = RENDER_TIMEOUT_MS,
  ) {}

  /** The report in `format`, as the bytes of the file (copied from the thread into a buffer of their own). */
  async render(format: ExportExtension, source: ContentSource, meta: ExportMeta): Promise<Uint8Array<ArrayBuffer>> {
    return (await this.run({ kind: 'render', format, source, meta }, FORMAT_NAMES[format], format)) as Uint8Array<ArrayBuffer>;
  }

  /** Each measure of two versions of a report compared (shared/diff.ts). */
  async compare(from: ContentSource, to: ContentSource): Promise<MeasureComparison[]> {
    return (await this.run({ kind: 'compare', from, to }, 'comparison', 'comparison')) as MeasureComparison[];
  }

  /** The word diff of two texts (shared/diff.ts), for a version's detail. */
  async diffWords(before: string, after: string): Promise<DiffPart[]> {
    return (await this.run({ kind: 'diffWords', before, after }, 'word diff', 'comparison')) as DiffPart[];
  }

  async close(): Promise<void> {
    const pool = await this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private async run(task: ExportTask, what: string, format: ExportExtension | 'comparison'): Promise<unknown> {
    const pool = await (this.pool ??= openPool());
    if (pool.queueSize >= MAX_WAITING) throw new RenderRefusal('busy', `${pool.queueSize} exports are waiting to be made; try again shortly`);
    try {
      const { result, problems } = (await pool.run(task, { signal: AbortSignal.timeout(this.timeoutMs) })) as ExportResult<unknown>;
      for (const problem of problems) this.log(problem);
      return result;
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        throw new RenderRefusal('too_large', `the ${what} was not made within ${this.timeoutMs / 1000} s; ${instead(format)}`);
      }
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new RenderRefusal('too_large', `the ${what} needs more than ${RENDER_HEAP_MB} MB to make; ${instead(format)}`);
      }
      throw error;
    }
  }
}

async function openPool(): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  // From source (tsx, vitest) the worker is TypeScript and needs tsx too; built, it is dist-server/exportWorker.js.
  const fromSource = import.meta.url.endsWith('.ts');
  return new Piscina({
    filename: new URL(fromSource ? './exportWorker.ts' : './exportWorker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: IDLE_MS,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB },
  });
}
