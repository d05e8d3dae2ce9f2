import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { COMPACTION_THRESHOLD_UPDATES, HEARTBEAT_INTERVAL_MS, MAX_MESSAGE_BYTES, UNLOAD_DELAY_MS } from '../shared/limits.js';
import { activeDemoAccounts, demoAccounts, generateDemoPassword, isLoopbackHost, planMinistries } from './auth/demoAccounts.js';
import { crossSiteGuard, requireSession, sessionReader, type AppEnv } from './auth/http.js';
import { addListenOrigins, createRequestPolicy } from './auth/origins.js';
import type { PasswordCost } from './auth/passwords.js';
import { DEFAULT_SESSION_OPTIONS, Sessions } from './auth/sessions.js';
import type { ThrottleLimits } from './auth/throttle.js';
import { DEFAULT_WATCH_INTERVAL_MS, SessionWatch } from './auth/watch.js';
import type { ServerContext } from './context.js';
import { Commands } from './commands/command.js';
import { recordNarrativeState } from './commands/recordNarrativeState.js';
import { NarrativeWrites } from './domain/NarrativeWrites.js';
import { AuditRetention } from './audit/AuditRetention.js';
import { auditRecorder } from './audit/record.js';
import { apiError, errorResponse } from './http/errors.js';
import { auditRoutes } from './routes/audit.js';
import { NotificationHub } from './live/NotificationHub.js';
import { RoundEventHub } from './live/RoundEventHub.js';
import { DailyDigest, DEFAULT_DIGEST_HOUR } from './notifications/DailyDigest.js';
import { DeadlineReminders, NOTIFICATION_CHECK_INTERVAL_MS } from './notifications/DeadlineReminders.js';
import { MailDelivery } from './notifications/MailDelivery.js';
import { Notifier } from './notifications/Notifier.js';
import { clientRoutes } from './routes/client.js';
import { documentRoutes } from './routes/documents.js';
import { eventRoutes } from './routes/events.js';
import { exportRoutes } from './routes/exports.js';
import { ExportRenderer } from './export/exportRenderer.js';
import { AccountAllowances } from './sync/documentWork.js';
import { UnsentBytes, type UnsentLimits } from './sync/unsentBytes.js';
import { healthRoutes } from './routes/health.js';
import { measureRoutes } from './routes/measures.js';
import { historyRoutes } from './routes/history.js';
import { MeasureHistory } from './history/MeasureHistory.js';
import { mentionableRoutes } from './routes/mentionables.js';
import { notificationRoutes } from './routes/notifications.js';
import { roundRoutes } from './routes/rounds.js';
import { DEADLINE_CHECK_INTERVAL_MS, DeadlineWatch } from './rounds/DeadlineWatch.js';
import { sessionRoutes } from './routes/session.js';
import { syncRoutes } from './routes/sync.js';
import { Heartbeat } from './sync/heartbeat.js';
import { SocketUpgrades } from './sync/socketUpgrades.js';
import { threadRoutes } from './routes/threads.js';
import { authRoutes } from './routes/auth.js';
import { metricsRoutes } from './routes/metrics.js';
import type { OidcOptions } from './oidc/config.js';
import type { OidcSignIn } from './oidc/OidcSignIn.js';
import type { RequestLogEntry } from './ops/logger.js';
import { Metrics } from './ops/metrics.js';
import { requestLogging } from './ops/requestLogging.js';
import { timedStore } from './ops/timedStore.js';
import { buildRoundSeed } from './seed/buildRoundSeed.js';
import { loadSeedReport } from './seed/loadSeedReport.js';
import { SqliteStore } from './store/sqliteStore.js';
import type { Store } from './store/types.js';
import { DocumentRegistry, type RegistryStats } from './sync/DocumentRegistry.js';
import { Narratives } from './sync/narratives.js';
import { reconnectOnRightsChange } from './sync/reconnectOnRightsChange.js';
import { DocumentPersistence } from './sync/persistence.js';
import { DocumentCatchUp } from './fanout/DocumentCatchUp.js';
import { NO_FANOUT, type Fanout } from './fanout/Fanout.js';
import { followOtherInstances } from './fanout/followOtherInstances.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  dataDir: string;
  /** Storage; a SqliteStore in `dataDir` (or a PostgresStore at `databaseUrl`) unless given (tests wrap the real one). */
  store?: Store;
  /** DATABASE_URL: PostgreSQL (postgres://…) instead of SQLite in `dataDir`. */
  databaseUrl?: string;
  /** REDIS_URL: several instances share `databaseUrl`; each tells the others what it stored through this Redis. */
  redisUrl?: string;
  /** Create the embedded default round when storage is empty (default true). */
  seed?: boolean;
  unloadDelayMs?: number;
  /** How often sync sockets are pinged (HEARTBEAT_INTERVAL_MS); tests shorten it. */
  heartbeatIntervalMs?: number;
  /** What may wait unsent for one sync socket, and for all together, before one is dropped (MAX_UNSENT_BYTES, MAX_UNSENT_TOTAL_BYTES); tests lower them. */
  unsentLimits?: UnsentLimits;
  /** How long an export or comparison may take to make before it is given up (two minutes); tests shorten it. */
  exportTimeoutMs?: number;
  /** How often an account gets back one update judged on a copy of a document, or one restore (DOCUMENT_WORK_EVERY_MS); tests change it. */
  documentWorkEveryMs?: number;
  compactionThreshold?: number;
  /** The built client; `dist/` beside the project by default. */
  distDir?: string;
  log?: (message: string) => void;
  /**
   * Password of the demo accounts created in an empty store (DEMO_PASSWORD); when unset a
   * random one is generated and logged once.
   */
  demoPassword?: string;
  /** Allow enabled demo accounts on a non-loopback host (SAMSKRIV_ALLOW_DEMO_ACCOUNTS=1). */
  allowDemoAccountsOnNetwork?: boolean;
  /**
   * The address people open (PUBLIC_URL), e.g. a reverse proxy's; its origin is the server's
   * own besides the listen address's, and https makes the session cookie Secure. Required with
   * a wildcard `host` or `trustProxy`.
   */
  publicUrl?: string;
  /** Other sites' origins whose pages may write and open sockets (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Behind a reverse proxy (TRUST_PROXY=1): believe X-Forwarded-For. */
  trustProxy?: boolean;
  sessionTtlMs?: number;
  /** scrypt cost of new password hashes; tests lower it, production keeps the default. */
  passwordCost?: PasswordCost;
  accountLimits?: ThrottleLimits;
  addressLimits?: ThrottleLimits;
  /** How often open sockets re-check their session. */
  sessionWatchIntervalMs?: number;
  /** How often deadlines are checked (the round freezes at most this late). */
  deadlineCheckIntervalMs?: number;
  /** SMTP_URL: notifications are e-mailed through it (with nodemailer); no e-mail when unset. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of notification e-mails; required with `smtpUrl`. */
  mailFrom?: string;
  /** MAIL_DIGEST_HOUR: the hour (Oslo time) of the daily digest (default 7). */
  mailDigestHour?: number;
  /** Days the audit log keeps a row (AUDIT_RETENTION_DAYS); absent or null keeps everything. */
  auditRetentionDays?: number | null;
  /** How often deadline reminders and the daily digest are checked (default a minute); tests shorten it. */
  notificationCheckIntervalMs?: number;
  /** The clock those two read (default the real one); tests move it. */
  notificationClock?: () => Date;
  /** PASSWORD_SIGN_IN: username and password sign-in (default true); off leaves the identity provider only. */
  passwordSignIn?: boolean;
  /** Sign-in through the organisation's OpenID Connect provider (OIDC_*). */
  oidc?: OidcOptions;
  /** METRICS_TOKEN: `/metrics` answers only this bearer token; unset, only localhost. */
  metricsToken?: string;
  /** One entry per HTTP request (the production log's request lines); none when unset. */
  requestLog?: (entry: RequestLogEntry) => void;
  /**
   * What is shown once to whoever starts the server and must not be in a log (the generated
   * demo password); `log` when unset.
   */
  announce?: (message: string) => void;
}

export interface RunningServer {
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  stats: () => RegistryStats;
  /** Stops accepting, ends live streams, stores what is pending, closes every socket and the database. */
  close: () => Promise<void>;
}

const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** Starts the Samskriv server: HTTP API, live events, y-websocket sync and the built client. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  // Refuses, before anything is opened, a configuration that leaves the own origin unknown.
  const policy = createRequestPolicy(options);
  if (options.smtpUrl !== undefined && !options.mailFrom) throw new Error('MAIL_FROM (the sender of notification e-mails) is required with SMTP_URL');
  // The gauges read the live objects made below, only when scraped (after the server listens).
  const metrics: Metrics = new Metrics({
    documentsLoaded: () => registry.stats().loaded,
    syncSockets: () => upgrades.wss.clients.size,
    roundStreams: () => hub.streamCount(),
    notificationStreams: () => notificationHub.streamCount(),
    pendingProviderSignIns: () => oidcSignIn?.inProgress ?? 0,
  });
  const store = timedStore(
    // PostgreSQL's driver, like the mailer and the OpenID client below, is loaded only when configured.
    options.store ?? (options.databaseUrl ? await (await import('./store/postgres/postgresStore.js')).PostgresStore.open(options.databaseUrl) : new SqliteStore(options.dataDir)),
    metrics.storeCall,
  );

  try {
    const prepare = (): Promise<void> => prepareStore(store, options, log);
    // Several instances may start together on one empty PostgreSQL database: one prepares it at a time.
    await (options.databaseUrl ? (await import('./fanout/advisoryLocks.js')).preparingExclusively(options.databaseUrl, prepare) : prepare());
  } catch (error) {
    store.close();
    throw error;
  }
  // Loaded only with REDIS_URL: one instance alone needs no Redis client.
  const fanout: Fanout = options.redisUrl ? new (await import('./fanout/RedisFanout.js')).RedisFanout(options.redisUrl, log) : NO_FANOUT;
  const sessionOptions = {
    ttlMs: options.sessionTtlMs ?? DEFAULT_SESSION_OPTIONS.ttlMs,
    passwordCost: options.passwordCost ?? DEFAULT_SESSION_OPTIONS.passwordCost,
    accountLimits: options.accountLimits ?? DEFAULT_SESSION_OPTIONS.accountLimits,
    addressLimits: options.addressLimits ?? DEFAULT_SESSION_OPTIONS.addressLimits,
  };
  // Every fresh read of an account tells the write policy its rights, which then hold for the next update of any of its sockets.
  const sessions = new Sessions(store, sessionOptions, log, (user) => writes.observe(user));
  const watch = new SessionWatch(sessions, options.sessionWatchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS, log, () => fanout.publish({ kind: 'sessionEnded' }));

  const hub = new RoundEventHub();
  const notificationHub = new NotificationHub();
  // Closed versions get their word counts in the background (the history is read after it is set up).
  const persistence = new DocumentPersistence(store, options.compactionThreshold ?? COMPACTION_THRESHOLD_UPDATES, {
    onVersionsClosed: (docName, versions) => history.onVersionsClosed(docName, versions),
    sharedDocuments: fanout.shared,
  });
  // The sync layer says that a narrative changed; what that means for the round is a command.
  const narratives: Narratives = new Narratives(persistence, (docName, empty) => commands.run(recordNarrativeState(docName, empty)), log, fanout.shared);
  const commands: Commands = new Commands(
    store,
    { narratives, now: () => new Date(), log },
    (event) => {
      hub.publish(event);
      fanout.publish({ kind: 'round', event });
    },
    ({ username, event }) => {
      notificationHub.publish(username, event);
      fanout.publish({ kind: 'notification', username, event });
    },
  );
  const registry: DocumentRegistry = new DocumentRegistry(persistence, options.unloadDelayMs ?? UNLOAD_DELAY_MS, {
    onStoredUpdate: (room, update, origin) => {
      metrics.updateStored();
      narratives.onStoredUpdate(room);
      // Stored: the other instances may now apply it and relay it to their sockets.
      fanout.publish({ kind: 'update', docName: room.name, update, author: origin.author, clients: origin.clients });
    },
    onAwareness: (room, message, sessionId) => fanout.publish({ kind: 'presence', docName: room.name, message, sessionId }),
    onBroken: (room, error) => log(`storing an update of ${room.name} failed; document dropped: ${String(error)}`),
    log,
  });
  narratives.attach(registry);
  followOtherInstances(fanout, { store, registry, catchUp: new DocumentCatchUp(registry, store, log), hub, notificationHub, watch, log });
  const exportRenderer = new ExportRenderer(log, options.exportTimeoutMs);
  const history: MeasureHistory = new MeasureHistory(
    store,
    narratives,
    () => new Date(),
    log,
    (docName) => persistence.activity(docName),
    (before, after) => exportRenderer.diffWords(before, after),
  );
  const writes = new NarrativeWrites();
  // In this order: the policy learns a round's new state before connections are checked against it.
  hub.listen(writes.onEvent);
  hub.listen(reconnectOnRightsChange(registry, log));
  // Notifications follow from what was committed, in transactions of their own; links in their
  // e-mails point at PUBLIC_URL or, once it listens, the server's own address.
  let appOrigin = policy.publicOrigin ?? '';
  const mailer = options.smtpUrl !== undefined && options.mailFrom ? (await import('./notifications/mailer.js')).smtpMailer(options.smtpUrl, options.mailFrom) : null;
  const mail = mailer ? new MailDelivery(store, commands, mailer, () => appOrigin, log) : null;
  const notifier = new Notifier(commands, mail !== null, (records) => mail?.sendImmediately(records), log);
  // Once per event however many instances run: by the one that committed it.
  hub.listen(notifier.onEvent, { ownOnly: true });
  const audit = auditRecorder(store, log);
  const retention = new AuditRetention(store, options.auditRetentionDays ?? null, log);
  retention.start();
  const ctx: ServerContext = {
    audit,
    store,
    registry,
    narratives,
    history,
    hub,
    notificationHub,
    mail: { enabled: mail !== null, digestHour: options.mailDigestHour ?? DEFAULT_DIGEST_HOUR },
    commands,
    writes,
    sessions,
    watch,
    policy,
    log,
  };
  // On PostgreSQL other instances may watch the same deadlines: one freezes, under an advisory lock.
  const lock = options.databaseUrl ? (await import('./fanout/advisoryLocks.js')).freezeLock(options.databaseUrl) : null;
  const deadlines = new DeadlineWatch(store, commands, options.deadlineCheckIntervalMs ?? DEADLINE_CHECK_INTERVAL_MS, log, metrics.deadlineCheck, lock?.exclusively);
  const passwordSignIn = options.passwordSignIn ?? true;
  const oidcSignIn: OidcSignIn | null = options.oidc ? new (await import('./oidc/OidcSignIn.js')).OidcSignIn(options.oidc, commands, () => appOrigin, log) : null;
  // A deadline that passed while the server was down is handled before anyone can write.
  await deadlines.start();
  const notificationCheckMs = options.notificationCheckIntervalMs ?? NOTIFICATION_CHECK_INTERVAL_MS;
  const notificationClock = options.notificationClock ?? (() => new Date());
  const reminders = new DeadlineReminders(store, notifier, mail !== null, notificationCheckMs, notificationClock, log);
  const digest = mail ? new DailyDigest(store, mail, ctx.mail.digestHour, notificationCheckMs, notificationClock, log) : null;

  const app = new Hono<AppEnv>();
  const upgrades = new SocketUpgrades({ maxPayload: MAX_MESSAGE_BYTES });
  const heartbeat = new Heartbeat(options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
  /** Each account's allowance of work the size of a whole document: updates judged on a copy, restores. */
  const documentWork = new AccountAllowances(options.documentWorkEveryMs);

  // The one place where a refusal becomes an answer: domain errors (404, 403, 409, 400 naming
  // the field) and request errors (415, 400 for bad JSON); anything else is a 500.
  app.onError((error, c) => {
    const answer = errorResponse(c, error);
    if (answer) return answer;
    log(`unhandled error on ${c.req.method} ${c.req.path} (request ${c.get('requestId')}): ${error.stack ?? String(error)}`);
    return apiError(c, 500, 'internal', 'internal server error');
  });
  app.use('*', requestLogging({ trustProxy: policy.trustProxy, write: options.requestLog ?? null, observe: metrics.httpRequest }));
  app.use('*', secureHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // Answers depend on who asks: never for shared caches.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie', { append: true });
  });
  app.use('/api/*', crossSiteGuard(policy));
  app.use('/api/*', sessionReader(sessions));
  app.use('/sync/*', sessionReader(sessions));
  app.route('/', healthRoutes(async () => {
    if (closing) throw new Error('shutting down');
    await store.isEmpty();
  }));
  app.route('/', metricsRoutes(metrics, options.metricsToken));
  app.route('/', authRoutes({ sessions, watch, policy, audit, passwordSignIn, oidc: oidcSignIn, observe: metrics.signIn, log }));
  app.route('/', sessionRoutes(sessions, watch, policy, audit, {
    passwordSignIn,
    providerSignOut: async (idToken) => (oidcSignIn ? oidcSignIn.signOutUrl(idToken) : null),
    observe: metrics.signIn,
  }));
  // Everything below needs a session; the client's files (with its sign-in page) do not.
  app.use('/api/*', requireSession);
  app.route('/', roundRoutes(ctx));
  app.route('/', measureRoutes(ctx));
  app.route('/', historyRoutes(ctx, documentWork));
  app.route('/', eventRoutes(ctx));
  app.route('/', documentRoutes(ctx));
  app.route('/', threadRoutes(ctx));
  app.route('/', mentionableRoutes(ctx));
  app.route('/', notificationRoutes(ctx));
  app.route('/', exportRoutes(ctx, exportRenderer));
  app.route('/', auditRoutes(ctx));
  app.route('/', syncRoutes(ctx, upgrades, heartbeat, new UnsentBytes(options.unsentLimits), documentWork));
  app.route('/', clientRoutes(options.distDir ?? DEFAULT_DIST_DIR, policy));

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  upgrades.attach(server, app);
  const port = (server.address() as AddressInfo).port;
  // Port 0 picks the port only now; no request can have arrived before this line.
  addListenOrigins(policy, options.host, port);
  appOrigin ||= new URL(`http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`).origin;
  reminders.start();
  digest?.start();
  if (oidcSignIn) {
    // Early, so that a wrong OIDC_ISSUER shows in the log at start; a sign-in tries again anyway.
    oidcSignIn.client.configuration().then(
      () => log(`sign-in through ${options.oidc?.issuer ?? ''} is ready`),
      (error: unknown) => log(`discovering the identity provider ${options.oidc?.issuer ?? ''} failed (sign-ins will try again): ${String(error)}`),
    );
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      server.close();
      watch.close();
      retention.stop();
      await deadlines.stop();
      await lock?.close();
      await reminders.stop();
      await digest?.stop();
      hub.closeAll();
      notificationHub.closeAll();
      await notifier.idle();
      await mail?.close();
      narratives.close();
      await registry.closeAll();
      await fanout.close();
      await history.close();
      heartbeat.close();
      await exportRenderer.close();
      await upgrades.close();
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

/**
 * Seeds an empty store with the embedded default and its demo accounts, and refuses to go on
 * when enabled demo accounts would be reachable from the network without explicit consent.
 */
async function prepareStore(store: Store, options: ServerOptions, log: (message: string) => void): Promise<void> {
  const seeding = options.seed !== false;
  const createDemo = seeding && (await store.countUsers()) === 0;
  // With passwords off nobody can sign in as a demo account, wherever the server listens.
  const passwordSignIn = options.passwordSignIn ?? true;
  if (passwordSignIn && !isLoopbackHost(options.host) && options.allowDemoAccountsOnNetwork !== true) {
    const demo = createDemo ? 'the demo accounts it would create' : (await activeDemoAccounts(store)).join(', ');
    if (demo !== '') {
      throw new Error(
        `refusing to listen on ${options.host} with demo accounts (${demo}): their password is shared. ` +
          'Add real accounts with `npm run user -- add` and disable the demo ones, ' +
          'or set SAMSKRIV_ALLOW_DEMO_ACCOUNTS=1 to accept the risk.',
      );
    }
  }
  if (!seeding) return;
  // Read (and its text parsed) only when something is made from it: not at every start.
  let report: ReturnType<typeof loadSeedReport> | null = null;
  const seedReport = (): ReturnType<typeof loadSeedReport> => (report ??= loadSeedReport());
  if (await store.isEmpty()) {
    const seed = seedReport();
    await store.seedRound(buildRoundSeed(seed, new Date()));
    log(`created the embedded default: ${seed.measures.length} measures, ${seed.warnings.length} import warnings`);
  }
  if (createDemo) {
    const generated = options.demoPassword === undefined;
    const password = options.demoPassword ?? generateDemoPassword();
    const cost = options.passwordCost ?? DEFAULT_SESSION_OPTIONS.passwordCost;
    const accounts = await demoAccounts(planMinistries(seedReport().measures), password, cost);
    await store.createUsers(accounts, new Date().toISOString());
    const names = accounts.map((a) => a.username).join(', ');
    // A generated password is for the person starting the server, never for the log.
    (generated ? (options.announce ?? log) : log)(
      generated
        ? `created demo accounts ${names} with the password ${password} (shown only now; set DEMO_PASSWORD to choose one)`
        : `created demo accounts ${names} with the password from DEMO_PASSWORD`,
    );
  }
}
