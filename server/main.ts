import { resolve } from 'node:path';
import { startServer } from './app.js';
import { readConfig } from './config.js';

const config = readConfig(process.env);
const server = await startServer({ ...config, dataDir: resolve(config.dataDir) });
console.log(`Samskriv listening on ${server.url} (data in ${resolve(config.dataDir)})`);

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
