import { afterEach, describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/** The real store, with the methods background tasks call failing while `failing` says so. */
class FaultyStore extends SqliteStore {
  failing = new Set<'setNarrativeEmpty' | 'dueRounds' | 'getSession'>();

  override setNarrativeEmpty(...args: Parameters<SqliteStore['setNarrativeEmpty']>) {
    if (this.failing.has('setNarrativeEmpty')) throw new Error('disk on fire');
    return super.setNarrativeEmpty(...args);
  }
  override dueRounds(...args: Parameters<SqliteStore['dueRounds']>) {
    if (this.failing.has('dueRounds')) throw new Error('disk on fire');
    return super.dueRounds(...args);
  }
  override getSession(...args: Parameters<SqliteStore['getSession']>) {
    if (this.failing.has('getSession')) throw new Error('disk on fire');
    return super.getSession(...args);
  }
}

describe('no background task ends the process: each logs what failed, and goes on', () => {
  let server: TestServer | null = null;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => {
    crashes.push(error);
  };
  afterEach(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await server?.stop();
    server = null;
  });

  it('the narrative check after a stored update, the deadline watch and the session watch', async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const store = new FaultyStore(tempDataDir());
    server = await startTestServer({ store, deadlineCheckIntervalMs: 50, sessionWatchIntervalMs: 50 });
    const docName = measureDocName(ROUND, 5);
    const writer = connectClient(server, docName);
    const reader = connectClient(server, docName);
    await Promise.all([synced(writer), synced(reader)]);

    // The timer that re-reads a narrative after an update throws (synchronously, as a store may).
    store.failing.add('setNarrativeEmpty');
    typeParagraph(writer, 'Først.');
    await waitFor(() => server!.logs().some((line) => line.includes(`could not record narrative state of ${docName}`)), {
      what: 'the failure logged with the document name',
    });
    // The session watch and the deadline watch fail on every tick for a while.
    store.failing.add('getSession');
    store.failing.add('dueRounds');
    await waitFor(() => server!.logs().some((line) => line.includes('session check failed')), { what: 'session watch failure logged' });
    await waitFor(() => server!.logs().some((line) => line.includes('deadline check failed')), { what: 'deadline watch failure logged' });
    store.failing.clear();
    const deadline = new Date(Date.now() + 100).toISOString();
    expect((await patchJson(server, `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);

    // Everything goes on: edits are relayed, and the round freezes once the store answers.
    typeParagraph(writer, 'Etterpå.');
    await waitFor(() => reader.text().includes('Etterpå.'), { what: 'a later edit relayed' });
    await waitFor(async () => RoundDetailSchema.parse(await (await api(server!, `/api/rounds/${ROUND}`)).json()).state === 'frozen', {
      what: 'the freeze after the failures',
    });
    writer.destroy();
    reader.destroy();
    expect(crashes).toEqual([]);
  });
});
