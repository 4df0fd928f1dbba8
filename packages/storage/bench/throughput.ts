/**
 * Rough throughput of the hot storage calls (not a test, no assertions):
 *   node packages/storage/bench/throughput.ts [dsn] [count]
 * Defaults to a fresh SQLite file. With a postgres:// DSN, 10 calls are kept in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOAuth2Storage, migrate, openDatabase } from '@olympus/storage';
import { accessToken, code, grantSession, NOW, storedClient } from '../test/contract/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'olympus-bench-'));
const dsn = process.argv[2] ?? `sqlite://${join(dir, 'bench.db')}`;
const count = Number(process.argv[3] ?? 20_000);
const db = await openDatabase(dsn);
await migrate(db, 'up');
const storage = createOAuth2Storage(db);
const client = storedClient();
await storage.clients.createClient(client);
const concurrency = db.dialect === 'postgres' ? 10 : 1;

const measure = async (label: string, op: (i: number) => Promise<unknown>): Promise<void> => {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await op(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(28)} ${Math.round(count / seconds).toLocaleString('en').padStart(8)} ops/s`);
};

const session = grantSession(client.client.client_id);
const codes = Array.from({ length: count }, () => code(session));
const tokens = Array.from({ length: count }, () => accessToken(session));

console.log(`${db.dialect}, ${count} ops each, ${concurrency} in flight`);
await measure('createAuthorizationCode', (i) => storage.tokens.createAuthorizationCode(codes[i]!));
await measure('consumeAuthorizationCode', (i) => storage.tokens.consumeAuthorizationCode(codes[i]!.signature, NOW));
await measure('createAccessToken', (i) => storage.tokens.createAccessToken(tokens[i]!));
await measure('getAccessToken', (i) => storage.tokens.getAccessToken(tokens[i]!.signature));
await measure('getClient', () => storage.clients.getClient(client.client.client_id));

await db.close();
rmSync(dir, { recursive: true, force: true });
