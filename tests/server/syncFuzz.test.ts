import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { NARRATIVE_CHECK_DELAY_MS } from '../../server/sync/narratives.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { narrativeSignature, topLevelParagraphs } from '../helpers/fuzzEdits.js';
import { batchArb } from '../helpers/fuzzFrames.js';
import { FuzzSession, type LaneSpec } from '../helpers/fuzzSession.js';
import { PresenceWatch } from '../helpers/presenceWatch.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The sync server under random and mutated frames (issue 10): well-formed updates from random
 * edit sequences (wide, deep, other root types), updates with missing dependencies, awareness
 * messages of every shape, and byte-level mutations, truncations, unknown types, text and
 * oversized frames, over raw sockets of editors and a read-only session, while two stock
 * clients keep typing into the same room. A bad frame may close its own socket, with whatever
 * code; what must hold afterwards is checked as invariants, all reported together: nothing was
 * thrown that nobody caught, the server answers, stock clients could apply all they got, a
 * fresh client converges with the writers and holds nothing it cannot integrate, every
 * writer's paragraph is there, no other document changed, and presence stayed sane (stamped,
 * renderable, bounded, gone with its socket).
 *
 * Each run prints its seed. Replay one with `FUZZ_SEED=<seed> [FUZZ_PATH=<path>] npx vitest run
 * tests/server/syncFuzz.test.ts`; a path replays that one batch on a fresh server. Seeds that
 * once failed stay below as named regression cases, as tldraw keeps its sync fuzz seeds.
 */

const ROUND = DEFAULT_ROUND.id;
/** Measure 12 is JD's alone: jd and the coordinator write it, ud only reads it. */
const FUZZED_MEASURE = 12;
const FUZZED_DOC = measureDocName(ROUND, FUZZED_MEASURE);
/** Nobody connects to it during the run; its stored state must be the same afterwards. */
const CONTROL_DOC = measureDocName(ROUND, 13);
const MEASURE_COUNT = 35;

/** Batches (fast-check runs) per fuzz run, and actions per batch: about 10,000 frames in all. */
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 100);
const ACTIONS_PER_BATCH = { min: 60, max: 140 };

/**
 * Most presence states a stock client may hold at once: a few per connection (the fuzz has
 * eight at most), far fewer than one flooding message carries.
 */
const MAX_PRESENCE_STATES_SEEN = 64;

/** How often each writer types a paragraph while the fuzz runs. */
const WRITER_INTERVAL_MS = 150;

/** Time for a fuzz run with its checks; a typical one takes well under a minute. */
const RUN_TIMEOUT_MS = 240_000;

interface RegressionSeed {
  name: string;
  seed: number;
  /** A fast-check path: replays only that batch, on a fresh server. */
  path?: string;
}

/**
 * Seeds that once found a bug; each replays its batch as its own case. A seed names values of
 * the generators in tests/helpers/fuzz*.ts and of ACTIONS_PER_BATCH: change either and every
 * seed means something else, so find the bugs again and replace the list.
 */
const REGRESSION_SEEDS: RegressionSeed[] = [
  { name: 'a tower of 20,000 nested elements crashes the narrative check (RangeError in narrativeText)', seed: 9, path: '72' },
  { name: 'updates with missing dependencies are kept as pending structs and served to fresh clients', seed: 11, path: '2' },
  { name: 'presence cursors that are not two relative positions reach every client', seed: 11, path: '17' },
  { name: 'one presence message with 1,825 client ids fills every presence list', seed: 11, path: '24' },
  { name: 'presence claimed again on a new socket stays after that socket closes', seed: 11, path: '14' },
  { name: 'one presence message with goodbye, then hello, for one client id leaves a ghost caret', seed: 2, path: '72' },
  { name: 'the fuzz built a 60,000-level tower whole before sending it, blocking the process past the probe timeout', seed: 777295013, path: '33' },
  // Found only by the whole run (batch 41 alone passes); tests/server/badFrames.test.ts has the frame itself.
  { name: 'a GC struct of length 0 was taken, and the state it left could not be applied by a fresh client (Yjs "Unexpected case")', seed: 1085242454 },
];

/** What a fuzz run did, printed with it. */
interface RunReport {
  seconds: number;
  batches: number;
  framesSent: number;
  hostileSent: number;
  framesSkipped: number;
  reopened: number;
  permissionDenied: number;
  closes: Record<string, number>;
  writersTyped: number;
}

function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** Every measure's narrative through the API, but the fuzzed one. */
async function otherNarratives(server: TestServer): Promise<Map<number, string>> {
  const narratives = new Map<number, string>();
  for (let number = 1; number <= MEASURE_COUNT; number++) {
    if (number === FUZZED_MEASURE) continue;
    const response = await api(server, `/api/rounds/${ROUND}/measures/${number}`);
    expect(response.status).toBe(200);
    narratives.set(number, JSON.stringify(((await response.json()) as { narrative: unknown }).narrative));
  }
  return narratives;
}

/** The stored state of a room, as a fresh stock client receives it. */
async function roomState(server: TestServer, docName: string): Promise<{ stateVector: string; signature: string }> {
  const client = connectClient(server, docName);
  try {
    await synced(client);
    const stateVector = [...Y.decodeStateVector(Y.encodeStateVector(client.doc))].sort(([a], [b]) => a - b);
    return { stateVector: JSON.stringify(stateVector), signature: narrativeSignature(client.doc) };
  } finally {
    client.destroy();
  }
}

async function healthy(server: TestServer): Promise<boolean> {
  const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
  return response.status === 200;
}

/** How each doc differs from the first: items (state vector), deletions, narrative; empty once they converged. */
function divergence(docs: readonly { name: string; doc: Y.Doc }[]): string[] {
  const [first, ...rest] = docs;
  if (!first) return [];
  const snapshot = Y.snapshot(first.doc);
  const signature = narrativeSignature(first.doc);
  const differences: string[] = [];
  for (const { name, doc } of rest) {
    const other = Y.snapshot(doc);
    const parts = [
      Y.equalSnapshots(new Y.Snapshot(Y.createDeleteSet(), snapshot.sv), new Y.Snapshot(Y.createDeleteSet(), other.sv)) ? '' : 'items',
      Y.equalDeleteSets(snapshot.ds, other.ds) ? '' : 'deletions',
      narrativeSignature(doc) === signature ? '' : 'narrative',
    ].filter(Boolean);
    if (parts.length > 0) differences.push(`${name} differs from ${first.name} in ${parts.join(', ')}`);
  }
  return differences;
}

/** An error with the top of its stack (where it was thrown is the point). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 6).join('\n');
}

/** Throws with the first few of `found` and how many there were, if any. */
function none(found: readonly string[]): void {
  if (found.length > 0) throw new Error(`${found.length}: ${found.slice(0, 3).join(' | ')}`);
}

/** Runs a check; a failure is recorded under the invariant's name, so that one run reports every broken invariant. */
async function invariant(failures: string[], name: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message.split('\n').slice(0, 12).join('\n') : String(error)}`);
  }
}

/** One fuzz run on a fresh server, with every check; throws with the seed (and path) on failure. */
async function fuzzRun(seed: number, path?: string): Promise<RunReport> {
  const replay = `FUZZ_SEED=${seed}${path === undefined ? '' : ` FUZZ_PATH=${path}`}`;
  console.log(`sync fuzz: ${replay} (${path === undefined ? `${BATCHES} batches` : 'one batch'})`);
  const server = await startTestServer();
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  // y-protocols catches what a stock client throws while applying an update and only logs it.
  const clientFailures: string[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Caught error while handling a Yjs update')) clientFailures.push(describeError(args[1]));
    else process.stderr.write(`${args.map(String).join(' ')}\n`);
  });
  const clients: TestClient[] = [];
  let typing: NodeJS.Timeout | undefined;
  let session: FuzzSession | undefined;
  let presence: PresenceWatch | undefined;
  try {
    const jd = await server.as('jd');
    const lanes: LaneSpec[] = [
      // The first writer's own session: its ids are the lane's to take over, as a second tab's would be.
      { name: 'jd-1', target: jd, canWrite: true },
      { name: 'jd-2', target: await server.as('jd'), canWrite: true },
      { name: 'koordinator', target: server, canWrite: true },
      { name: 'ud (read-only)', target: await server.as('ud'), canWrite: false },
    ];
    const othersBefore = await otherNarratives(server);
    const controlBefore = await roomState(server, CONTROL_DOC);

    const connect = (target: typeof jd): TestClient => {
      const client = connectClient(target, FUZZED_DOC);
      clients.push(client);
      return client;
    };
    const writers = [connect(jd), connect(server)];
    const mirror = connect(server);
    await Promise.all([...writers, mirror].map(synced));
    presence = new PresenceWatch([...writers, mirror], new Set(['jd', 'koordinator', 'ud']));
    const typed: string[][] = writers.map(() => []);
    typing = setInterval(() => {
      writers.forEach((writer, i) => {
        const marker = `Skriver ${i + 1}, avsnitt ${typed[i]!.length + 1}.`;
        typeParagraph(writer, marker);
        typed[i]!.push(marker);
      });
    }, WRITER_INTERVAL_MS);
    const writerIds = new Set(writers.map((writer) => writer.doc.clientID));
    session = new FuzzSession(FUZZED_DOC, lanes, mirror, () => writerIds);

    const started = performance.now();
    let batches = 0;
    const run = await fc.check(
      fc.asyncProperty(batchArb(ACTIONS_PER_BATCH), async (actions) => {
        batches++;
        await session!.runBatch(actions);
        if (uncaught.length > 0) throw new Error(`thrown in the process and not caught: ${describeError(uncaught[0])}`);
        if (!(await healthy(server))) throw new Error('GET /api/health did not answer 200');
      }),
      // A path names one batch: replay just that one.
      { seed, path, numRuns: path === undefined ? BATCHES : 1, endOnFailure: true },
    );
    clearInterval(typing);
    session.close();
    const stats = session.stats;
    const report: RunReport = {
      seconds: Math.round((performance.now() - started) / 100) / 10,
      batches,
      framesSent: stats.framesSent,
      hostileSent: stats.hostileSent,
      framesSkipped: stats.framesSkipped,
      reopened: stats.reopened,
      permissionDenied: stats.permissionDenied,
      closes: Object.fromEntries([...stats.closes].sort(([a], [b]) => a - b)),
      writersTyped: typed.flat().length,
    };
    console.log(`sync fuzz ${replay}: ${JSON.stringify(report)}`);
    if (run.failed) {
      const error = run.errorInstance instanceof Error ? (run.errorInstance.stack ?? run.errorInstance.message) : String(run.errorInstance);
      throw new Error(`sync fuzz failed: ${replay}, in batch "${run.counterexamplePath}" (replay it alone with FUZZ_SEED=${seed} FUZZ_PATH=${run.counterexamplePath}): ${error}`);
    }

    const failures: string[] = [];
    // The server re-reads a narrative NARRATIVE_CHECK_DELAY_MS after typing stops, on a timer;
    // nothing outside shows that it ran, so give it that long before looking for what it threw.
    await new Promise((resolve) => setTimeout(resolve, NARRATIVE_CHECK_DELAY_MS * 3));
    await invariant(failures, 'nothing thrown that nobody caught', () => none(uncaught.map(describeError)));
    await invariant(failures, 'no unhandled error logged', () => none(server.logs().filter((line) => /unhandled/i.test(line))));
    await invariant(failures, 'the server answers', async () => expect(await healthy(server)).toBe(true));

    const fresh = connect(server);
    const stock = [fresh, mirror, ...writers];
    await invariant(failures, 'a fresh client converges with the writers', async () => {
      await waitFor(() => fresh.provider.synced, { what: 'fresh client synced', timeoutMs: 30_000 });
      const named = [
        { name: 'a fresh client', doc: fresh.doc },
        { name: 'the mirror', doc: mirror.doc },
        ...writers.map((writer, i) => ({ name: `writer ${i + 1}`, doc: writer.doc })),
      ];
      let differences: string[] = [];
      await waitFor(() => (differences = divergence(named)).length === 0, { what: 'convergence', timeoutMs: 20_000, intervalMs: 100 }).catch(() => {
        throw new Error(differences.join('; '));
      });
    });
    await invariant(failures, 'stock clients could apply every update the server sent them', () => none(clientFailures));
    await invariant(failures, 'the server serves nothing a client cannot integrate (no pending structs)', () => {
      const pending = stock.filter((client) => client.doc.store.pendingStructs !== null || client.doc.store.pendingDs !== null);
      none(pending.map((client) => `client ${client.doc.clientID} holds updates with missing dependencies from ${JSON.stringify([...(client.doc.store.pendingStructs?.missing.keys() ?? [])].slice(0, 5))}`));
    });
    await invariant(failures, "every writer's paragraphs are there", () => {
      const paragraphs = new Set(topLevelParagraphs(fresh.doc));
      none(typed.flat().filter((marker) => !paragraphs.has(marker)).map((marker) => `missing "${marker}"`));
    });
    await invariant(failures, 'the control room is unchanged', async () => expect(await roomState(server, CONTROL_DOC)).toEqual(controlBefore));
    await invariant(failures, 'every other narrative is unchanged', async () => expect(await otherNarratives(server)).toEqual(othersBefore));
    await invariant(failures, 'every presence state relayed is stamped and renderable', () => none(presence!.unrenderable));
    await invariant(failures, 'one connection cannot fill the presence list', () => {
      if (presence!.mostStatesAtOnce > MAX_PRESENCE_STATES_SEEN) throw new Error(`a writer held ${presence!.mostStatesAtOnce} presence states at once`);
    });
    await invariant(failures, 'no presence is left of closed sockets', async () => {
      const stockIds = new Set(clients.map((client) => client.doc.clientID));
      const leftovers = (): string[] =>
        writers.flatMap((writer, i) =>
          [...writer.provider.awareness.getStates()]
            .filter(([id]) => !stockIds.has(id))
            .map(([id, state]) => `writer ${i + 1} still shows ${id} (${JSON.stringify(state).slice(0, 80)})`),
        );
      await waitFor(() => leftovers().length === 0, { what: 'presence of the fuzz sockets removed' }).catch(() => none(leftovers()));
    });
    if (failures.length > 0) {
      throw new Error(`sync fuzz ${replay}: ${failures.length} invariant(s) broken after the run:\n- ${failures.join('\n- ')}`);
    }
    return report;
  } finally {
    clearInterval(typing);
    presence?.stop();
    session?.close();
    for (const client of clients) client.destroy();
    await server.stop();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    consoleError.mockRestore();
  }
}

describe('sync server fuzz', () => {
  it(
    'random and mutated frames: the server stays up, other documents stay, everyone converges',
    async () => {
      const seed = process.env.FUZZ_SEED === undefined ? freshSeed() : Number(process.env.FUZZ_SEED);
      const report = await fuzzRun(seed, process.env.FUZZ_PATH);
      expect(report.framesSent).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS,
  );

  for (const regression of REGRESSION_SEEDS) {
    it(`regression: ${regression.name}`, () => fuzzRun(regression.seed, regression.path), RUN_TIMEOUT_MS);
  }
});
