import './http/polyfills.js';
import { serve, type ServerType } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { COMPACTION_THRESHOLD_UPDATES, MAX_MESSAGE_BYTES, UNLOAD_DELAY_MS } from '../shared/limits.js';
import type { ServerContext } from './context.js';
import { apiError } from './http/errors.js';
import { RoundEventHub } from './live/RoundEventHub.js';
import { clientRoutes } from './routes/client.js';
import { documentRoutes } from './routes/documents.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { measureRoutes } from './routes/measures.js';
import { roundRoutes } from './routes/rounds.js';
import { syncRoutes } from './routes/sync.js';
import { buildRoundSeed } from './seed/buildRoundSeed.js';
import { loadSeedReport } from './seed/loadSeedReport.js';
import { SqliteStore } from './store/sqliteStore.js';
import type { Store } from './store/types.js';
import { DocumentRegistry, type RegistryStats } from './sync/DocumentRegistry.js';
import { Narratives } from './sync/narratives.js';
import { DocumentPersistence } from './sync/persistence.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  dataDir: string;
  /** Storage; a SqliteStore in `dataDir` unless given (tests wrap the real one). */
  store?: Store;
  /** Create the embedded default round when storage is empty (default true). */
  seed?: boolean;
  unloadDelayMs?: number;
  compactionThreshold?: number;
  /** The built client; `dist/` beside the project by default. */
  distDir?: string;
  log?: (message: string) => void;
}

export interface RunningServer {
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  stats(): RegistryStats;
  /** Stops accepting, ends live streams, stores what is pending, closes every socket and the database. */
  close(): Promise<void>;
}

const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** Starts the Samskriv server: HTTP API, live events, y-websocket sync and the built client. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const store = options.store ?? new SqliteStore(options.dataDir);

  if (options.seed !== false && (await store.isEmpty())) {
    const report = loadSeedReport();
    await store.seedRound(buildRoundSeed(report, new Date()));
    log(`created the embedded default: ${report.measures.length} measures, ${report.warnings.length} import warnings`);
  }

  const hub = new RoundEventHub();
  const persistence = new DocumentPersistence(store, options.compactionThreshold ?? COMPACTION_THRESHOLD_UPDATES);
  const narratives = new Narratives(persistence, store, hub, log);
  const registry = new DocumentRegistry(persistence, options.unloadDelayMs ?? UNLOAD_DELAY_MS, {
    onStoredUpdate: narratives.onStoredUpdate,
    onBroken: (room, error) => log(`storing an update of ${room.name} failed; document dropped: ${String(error)}`),
  });
  narratives.attach(registry);
  const ctx: ServerContext = { store, registry, narratives, hub, log };

  const app = new Hono();
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app });
  // @hono/node-ws creates its WebSocketServer without options; the limit must be on it so
  // that ws refuses an oversized frame (close 1009) before buffering it.
  wss.options.maxPayload = MAX_MESSAGE_BYTES;

  app.onError((error, c) => {
    log(`unhandled error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}`);
    return apiError(c, 500, 'internal', 'internal server error');
  });
  app.route('/', healthRoutes());
  app.route('/', roundRoutes(ctx));
  app.route('/', measureRoutes(ctx));
  app.route('/', eventRoutes(ctx));
  app.route('/', documentRoutes(ctx));
  app.route('/', syncRoutes(ctx, upgradeWebSocket));
  app.route('/', clientRoutes(options.distDir ?? DEFAULT_DIST_DIR));

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      server.close();
      hub.closeAll();
      narratives.close();
      await registry.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      store.close();
    })();
    return closing;
  };

  return {
    port,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    stats: () => registry.stats(),
    close,
  };
}
