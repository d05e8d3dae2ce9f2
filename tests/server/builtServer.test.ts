import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { BUILT_SERVER, serverProcesses } from '../helpers/process.js';
import { api, signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * `npm start` runs the server built to one JavaScript module (scripts/buildServer.ts), not the
 * source: what it reads beside its own module (the seed report, the PDF fonts, the migrations)
 * must be found from there too.
 */
describe('the built server', () => {
  const processes = serverProcesses();

  it('builds, seeds a fresh data folder, syncs, exports a PDF and stops on SIGTERM', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildServer.ts'], { cwd: new URL('../..', import.meta.url), stdio: 'pipe' });
    const server = await processes.start({}, BUILT_SERVER);
    expect(server.output()).toContain('created the embedded default');
    const target = await signIn(server.url, 'koordinator');
    const pdf = await api(target, `/api/rounds/${DEFAULT_ROUND.id}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const docName = measureDocName(DEFAULT_ROUND.id, 3);
    const writer = connectClient(target, docName);
    const reader = connectClient(await signIn(server.url, 'koordinator'), docName);
    processes.keep(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    expect(reader.text().length).toBeGreaterThan(0);
    typeParagraph(writer, 'Fra den bygde serveren.');
    await waitFor(() => reader.text().includes('Fra den bygde serveren.'), { what: 'edit relayed' });
    for (const client of [writer, reader]) client.provider.shouldConnect = false;
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('stops on SIGTERM sent to the shell npm runs the start script in (a service manager signals npm, npm the shell)', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    // What runs once the build is done, as npm runs it: by `sh -c`.
    const run = pkg.scripts.start.split('&&').at(-1)?.trim() ?? '';
    expect(run).toContain('dist-server/main.js');
    const server = await processes.start({}, { shell: run });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM: storing pending edits and closing');
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
