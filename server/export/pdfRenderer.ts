import type { Piscina } from 'piscina';
import type { ReportContent } from '../../shared/snapshotContent.js';
import type { ExportMeta } from './meta.js';
import type { PdfTask } from './pdfWorker.js';

/** PDFs waiting for the renderer's thread; one more is refused at once (503, try again shortly). */
const MAX_WAITING = 4;
/** A PDF not made in this long is given up, its thread ended. */
const RENDER_TIMEOUT_MS = 120_000;
/** The heap of the renderer's thread: a report too large for it fails alone, not the server. */
const RENDER_HEAP_MB = 1024;
/** An idle renderer's thread ends after this: a server that is not exporting holds none. */
const IDLE_MS = 30_000;

/** Why a PDF was not made: the renderer is `busy` (try again), or the report is `too_large` for it. */
export class RenderRefusal extends Error {
  constructor(
    readonly reason: 'busy' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Makes PDFs on a thread of their own (Piscina), one at a time, so that a large report does not
 * stop the server for everyone while pdfkit lays it out; bounded in the number waiting, in time
 * and in memory. The thread starts at the first PDF and ends when idle.
 */
export class PdfRenderer {
  private pool: Promise<Piscina> | null = null;

  constructor(private readonly timeoutMs = RENDER_TIMEOUT_MS) {}

  async render(content: ReportContent, meta: ExportMeta): Promise<Uint8Array> {
    const pool = await (this.pool ??= openPool());
    if (pool.queueSize >= MAX_WAITING) throw new RenderRefusal('busy', `${pool.queueSize} PDFs are waiting to be made; try again shortly`);
    const task: PdfTask = { content, meta };
    try {
      return (await pool.run(task, { signal: AbortSignal.timeout(this.timeoutMs) })) as Uint8Array;
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        throw new RenderRefusal('too_large', `the PDF was not made within ${this.timeoutMs / 1000} s; export DOCX or HTML instead`);
      }
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new RenderRefusal('too_large', `the PDF needs more than ${RENDER_HEAP_MB} MB to make; export DOCX or HTML instead`);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    const pool = await this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

async function openPool(): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  // From source (tsx, vitest) the worker is TypeScript and needs tsx too; built, it is dist-server/pdfWorker.js.
  const fromSource = import.meta.url.endsWith('.ts');
  return new Piscina({
    filename: new URL(fromSource ? './pdfWorker.ts' : './pdfWorker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: IDLE_MS,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB },
  });
}
