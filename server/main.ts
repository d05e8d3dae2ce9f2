import { resolve } from 'node:path';
import { startServer, type RunningServer } from './app.js';
import { readConfig } from './config.js';

async function start(): Promise<RunningServer> {
  const config = readConfig(process.env);
  const dataDir = resolve(config.dataDir);
  const running = await startServer({ ...config, dataDir });
  console.log(`Samskriv listening on ${running.url} (data in ${dataDir})`);
  return running;
}

const server = await start().catch((error: unknown) => {
  // A refusal (bad environment, demo accounts on the network) is a message, not a stack trace.
  console.error(`Samskriv did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: storing pending edits and closing`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  });
}
