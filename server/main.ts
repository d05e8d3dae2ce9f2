import { resolve } from 'node:path';
import { startServer, type RunningServer } from './app.js';
import { readConfig } from './config.js';
import { createLogger, messageLog, requestLog } from './ops/logger.js';

// JSON lines on standard output (pino): the server's messages and one line per request.
let logger = createLogger();

/** A PostgreSQL URL as a log may show it: host, port and database, no user or password. */
function postgresAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function start(): Promise<RunningServer> {
  const config = readConfig(process.env);
  logger = createLogger(config.logLevel);
  const dataDir = resolve(config.dataDir);
  const running = await startServer({
    ...config,
    dataDir,
    log: messageLog(logger),
    requestLog: requestLog(logger),
    // The generated demo password goes to the terminal as plain text, not into the JSON log.
    announce: (message) => process.stderr.write(`${message}\n`),
  });
  // Where the data is, without the database URL's password.
  const data = config.databaseUrl === undefined ? dataDir : postgresAddress(config.databaseUrl);
  logger.info({ url: running.url, data }, `Samskriv listening on ${running.url} (data in ${data})`);
  return running;
}

const server = await start().catch((error: unknown) => {
  // A refusal (bad environment, demo accounts on the network) is a message, not a stack trace.
  logger.fatal(`Samskriv did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: storing pending edits and closing`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
