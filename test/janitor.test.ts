/**
 * The janitor on a serving Olympus: it runs beside the server on the same database, deletes what
 * expired, and never weakens refresh-token reuse detection (RFC 9700 §4.14.2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { janitorCommand } from '@olympus/server';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { createClient } from './support/flow.ts';
import { freshSubject, introspect, refresh, signIn, type RegisteredClient } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SIXTEEN_MINUTES = 16 * 60_000;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`janitor beside a running server (${kind})`, () => {
    let olympus: TestServer;
    let rp: RegisteredClient;

    before(async () => {
      olympus = await startTestServer(kind);
      rp = {
        ...(await createClient(olympus.adminUrl, {
          grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT],
        })),
        redirectUri: REDIRECT,
      };
    });
    after(() => olympus?.close());

    test('after a janitor run that deleted the expired code and access tokens, replaying a rotated refresh token still revokes the family', async () => {
      const { tokens } = await signIn(olympus, rp, new Browser(), { subject: freshSubject('janitor') });
      const rotated = await refresh(olympus.publicUrl, rp, tokens.refresh_token!);
      assert.equal(rotated.status, 200);
      const successor = rotated.body.refresh_token as string;

      // As if run 16 minutes later: the code (10 min) and both access tokens (15 min) have expired by then.
      const report = await janitorCommand({ dsn: olympus.config.dsn, keepIfYoungerMs: 0, limit: 10_000, batchSize: 100, now: Date.now() + SIXTEEN_MINUTES });
      assert.match(report, /authorization codes\s+1\n/);
      assert.match(report, /access tokens\s+2\n/);
      assert.match(report, /refresh tokens\s+0\n/, 'the used refresh token has not expired and its grant lives: it stays');
      assert.equal((await introspect(olympus.adminUrl, successor)).active, true);

      const replay = await refresh(olympus.publicUrl, rp, tokens.refresh_token!);
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
      assert.match(`${replay.body.error_description} ${replay.body.error_hint ?? ''}`, /already used; every token of this grant has been revoked/);
      assert.deepEqual(await introspect(olympus.adminUrl, successor), { active: false }, 'the family is revoked');
      assert.equal((await refresh(olympus.publicUrl, rp, successor)).body.error, 'invalid_grant');

      const later = await janitorCommand({ dsn: olympus.config.dsn, keepIfYoungerMs: 0, limit: 10_000, batchSize: 100, tokens: true, now: Date.now() + 1000 });
      assert.match(later, /refresh tokens\s+2\n/, 'once the family is revoked, its refresh tokens go');
    });
  });
}
