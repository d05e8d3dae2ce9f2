import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read when Prometheus asks: the live objects' own counts, never a copy kept up to date. */
export interface MetricSources {
  /** Narrative documents in memory (the document registry). */
  documentsLoaded: () => number;
  /** Open y-websocket connections. */
  syncSockets: () => number;
  /** Open server-sent event streams: rounds' and people's notification streams. */
  roundStreams: () => number;
  notificationStreams: () => number;
  /** Sign-ins on their way through the identity provider. */
  pendingProviderSignIns: () => number;
}

/** How a sign-in ended, for the counters: `success`, or a failure's reason (`invalid`, `throttled`, `busy`, `refused_unknown`, ...). */
export type SignInObserver = (method: 'password' | 'oidc', outcome: string) => void;

/** How long store calls take, and how many; below a millisecond up to seconds. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The server's Prometheus metrics (prom-client), in a registry of its own (not prom-client's
 * global one: tests run several servers in one process). Counters are counted where things
 * happen; gauges read the live objects when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly updates: Counter;
  private readonly store: Histogram<'operation' | 'outcome'>;
  private readonly signIns: Counter<'method'>;
  private readonly signInFailures: Counter<'method' | 'reason'>;
  private readonly deadlineChecks: Counter<'outcome'>;
  private readonly lastDeadlineCheck: Gauge;
  private readonly http: Histogram<'method' | 'route' | 'status'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    };
    gauge('samskriv_documents_loaded', 'Narrative documents in memory now', sources.documentsLoaded);
    gauge('samskriv_sync_sockets', 'Open y-websocket connections', sources.syncSockets);
    gauge('samskriv_event_stream_clients', 'Open server-sent event streams of rounds', sources.roundStreams);
    gauge('samskriv_notification_stream_clients', 'Open server-sent event streams of notifications', sources.notificationStreams);
    gauge('samskriv_oidc_sign_ins_in_progress', 'Sign-ins on their way through the identity provider', sources.pendingProviderSignIns);
    this.updates = new Counter({
      name: 'samskriv_document_updates_total',
      help: 'Narrative updates stored (rate() gives updates per second)',
      registers,
    });
    this.store = new Histogram({
      name: 'samskriv_store_seconds',
      help: 'How long store calls take (a transaction counts whole, waiting included)',
      labelNames: ['operation', 'outcome'],
      buckets: STORE_BUCKETS,
      registers,
    });
    this.signIns = new Counter({ name: 'samskriv_sign_ins_total', help: 'Successful sign-ins', labelNames: ['method'], registers });
    this.signInFailures = new Counter({
      name: 'samskriv_sign_in_failures_total',
      help: 'Failed or refused sign-ins, by method and reason',
      labelNames: ['method', 'reason'],
      registers,
    });
    this.deadlineChecks = new Counter({
      name: 'samskriv_deadline_checks_total',
      help: 'Deadline checks run, by outcome (ok, failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.lastDeadlineCheck = new Gauge({
      name: 'samskriv_deadline_check_last_success_seconds',
      help: 'When the deadline check last succeeded (Unix time): alert when it falls behind',
      registers,
    });
    this.http = new Histogram({
      name: 'samskriv_http_request_seconds',
      help: 'HTTP requests by method, route and status, and how long until the answer began',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
  }

  /** A narrative update was stored. */
  readonly updateStored = (): void => this.updates.inc();

  /** A store call took `seconds`. */
  readonly storeCall = (operation: string, seconds: number, ok: boolean): void =>
    this.store.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds);

  readonly signIn: SignInObserver = (method, outcome) => {
    if (outcome === 'success') this.signIns.inc({ method });
    else this.signInFailures.inc({ method, reason: outcome });
  };

  /** A deadline check ran. */
  readonly deadlineCheck = (ok: boolean): void => {
    this.deadlineChecks.inc({ outcome: ok ? 'ok' : 'failed' });
    if (ok) this.lastDeadlineCheck.set(Date.now() / 1000);
  };

  readonly httpRequest = (method: string, route: string, status: number, seconds: number): void =>
    this.http.observe({ method, route, status: String(status) }, seconds);

  /** The Prometheus text exposition, and its content type. */
  async exposition(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
