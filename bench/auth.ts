/**
 * What accounts cost: hashing and checking a password at the production scrypt cost, and a
 * full sign-in through the HTTP API. Prints figures; asserts nothing.
 */
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from '../server/auth/passwords.js';
import { startTestServer } from '../tests/helpers/server.js';
import { TEST_PASSWORD } from '../tests/helpers/session.js';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const hashTimes: number[] = [];
let stored = '';
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  stored = await hashPassword('et-langt-passord-1', DEFAULT_PASSWORD_COST);
  hashTimes.push(performance.now() - start);
}
const verifyTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  await verifyPassword('et-langt-passord-1', stored);
  verifyTimes.push(performance.now() - start);
}
console.log(`scrypt N=2^${DEFAULT_PASSWORD_COST.logN} r=${DEFAULT_PASSWORD_COST.r} p=${DEFAULT_PASSWORD_COST.p}:`);
console.log(`  hash median ${median(hashTimes).toFixed(0)} ms, verify median ${median(verifyTimes).toFixed(0)} ms (5 each)`);

const server = await startTestServer({ passwordCost: DEFAULT_PASSWORD_COST });
try {
  const signIns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jd', password: TEST_PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in: HTTP ${response.status}`);
    signIns.push(performance.now() - start);
  }
  console.log(`sign-in through POST /api/session: median ${median(signIns).toFixed(0)} ms (5)`);
  const reads: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    const response = await fetch(`${server.url}/api/rounds`, { headers: { cookie: server.cookie } });
    await response.arrayBuffer();
    reads.push(performance.now() - start);
  }
  console.log(`a signed-in GET /api/rounds (session looked up each time): median ${median(reads).toFixed(2)} ms (200)`);
} finally {
  await server.stop();
}
