/**
 * What the flood benches share: the real server of a checkout as its own process, its memory
 * read from /proc, and the time an honest edit takes between two stock clients.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { typeParagraph, type TestClient } from '../../tests/helpers/clients.js';
import { TEST_PASSWORD } from '../../tests/helpers/session.js';

export interface Server {
  url: string;
  child: ChildProcess;
  pid: number;
}

/** `server/main.ts` of the checkout at `root`, in its own process on port 0, with `env` added. */
export async function spawnServer(root: string, dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_PASSWORD: TEST_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return { url, child, pid: child.pid ?? 0 };
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}

export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) : NaN;
}

/** Samples the process's resident memory every 10 ms; `stop` answers the highest seen (MiB). */
export function sampleMemory(pid: number): { stop(): { sampledMiB: number; hwmMiB: number } } {
  let peak = statusKiB(pid, 'VmRSS');
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, statusKiB(pid, 'VmRSS'));
    } catch {
      // The process is gone; the peak so far stands.
    }
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      let hwm = NaN;
      try {
        hwm = statusKiB(pid, 'VmHWM');
      } catch {
        // As above.
      }
      return { sampledMiB: peak / 1024, hwmMiB: hwm / 1024 };
    },
  };
}

/** Types a paragraph in `from` and resolves with the ms until `to` has it. */
export function editTrip(from: TestClient, to: TestClient, text: string): Promise<number> {
  const fragment = to.doc.getXmlFragment(NARRATIVE_FIELD);
  return new Promise((done, fail) => {
    const start = performance.now();
    const timeout = setTimeout(() => fail(new Error('an edit did not arrive within 60 s')), 60_000);
    const check = (): void => {
      if (to.text().includes(text)) {
        clearTimeout(timeout);
        fragment.unobserveDeep(check);
        done(performance.now() - start);
      }
    };
    fragment.observeDeep(check);
    typeParagraph(from, text);
  });
}

export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

