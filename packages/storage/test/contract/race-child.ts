/**
 * Child process of cross-process.test.ts: opens the database, says "ready", waits for "go" on
 * stdin, then consumes every given code / refresh token / jti at once and prints one status per
 * item as JSON (kind `migrate`: runs migrate and prints the versions it applied).
 * Run with no arguments (as a test runner may do with any file under test/), it does nothing.
 */
import { createInterface } from 'node:readline';
import { createOAuth2Storage, migrate, openDatabase } from '@olympus/storage';

const [dsn, kind, ...signatures] = process.argv.slice(2);

if (dsn !== undefined && kind !== undefined) {
  const db = await openDatabase(dsn);
  const storage = createOAuth2Storage(db);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
  const now = Date.now();
  const results = kind === 'migrate' ? (await migrate(db, 'up')).map((m) => m.version) : await Promise.all(
    signatures.map((signature) =>
      kind === 'jti'
        ? storage.jtis.consumeJti('race-client', signature, now).then((ok) => (ok ? 'consumed' : 'already_used'))
        : kind === 'refresh'
          ? storage.tokens.consumeRefreshToken(signature, now, 0).then((r) => r.status)
          : storage.tokens.consumeAuthorizationCode(signature, now).then((r) => r.status),
    ),
  );
  process.stdout.write(`${JSON.stringify(results)}\n`);
  await db.close();
}
