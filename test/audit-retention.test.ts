/**
 * Retention of the audit log (docs/operations/audit.md): `olympus janitor` deletes events older than
 * `audit.retention` beside a running server, on both databases, and keeps them when it cannot know
 * the retention (a DSN alone).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newAuditEvent } from '@olympus/audit';
import { janitorCommand } from '@olympus/server';
import { createAuditStore } from '@olympus/storage';
import { startTestServer, type TestServer } from './support/server.ts';
import { LOCAL, admin, auditLog } from './support/audit.ts';

const HOUR = 3_600_000;
const BATCHES = { keepIfYoungerMs: 0, limit: 10_000, batchSize: 100 };

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`audit retention by the janitor (${kind})`, () => {
    let olympus: TestServer;
    let dir: string;
    before(async () => {
      olympus = await startTestServer(kind);
      dir = await mkdtemp(join(tmpdir(), 'olympus-audit-retention-'));
    });
    after(async () => {
      await olympus?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const change = async (name: string) => (await admin(olympus, 'POST', '/admin/clients', { client_name: name, redirect_uris: ['https://a.example/cb'] })).body.client_id as string;
    const count = async () => (await auditLog(olympus)).events.length;

    test('a DSN alone keeps every audit event and says why', async () => {
      await change('kept');
      const report = await janitorCommand({ dsn: olympus.config.dsn, ...BATCHES, now: Date.now() + 1000 * HOUR });
      assert.match(report, /audit events\s+0\n/);
      assert.match(report, /Audit events were kept: with a DSN alone the retention is unknown/);
      assert.equal(await count(), 1);
    });

    test('events older than the retention go, younger ones stay; other kinds alone leave them', async () => {
      const young = await change('young');
      const backdated = newAuditEvent({ actor: LOCAL, action: 'client.delete', target: { type: 'client', id: 'backdated' } }, Date.now() - 2 * HOUR);
      await createAuditStore(olympus.server.db).append(backdated);
      const before = await count();
      const tokensOnly = await janitorCommand({ dsn: olympus.config.dsn, ...BATCHES, tokens: true, auditRetentionMs: HOUR });
      assert.match(tokensOnly, /audit events\s+0$/, '--tokens alone does not touch the audit log');
      assert.equal(await count(), before);

      const now = Date.now();
      const report = await janitorCommand({ dsn: olympus.config.dsn, ...BATCHES, audit: true, auditRetentionMs: HOUR, now });
      assert.match(report, /audit events\s+1$/m);
      assert.match(report, new RegExp(`older than ${new Date(now - HOUR).toISOString().replace(/\./g, '\\.')}`));
      const left = (await auditLog(olympus)).events.map((e) => e.target.id);
      assert.equal(left.length, before - 1);
      assert.ok(left.includes(young) && !left.includes('backdated'));
    });

    test("a configuration file's audit.retention applies, the DSN overriding its database", async () => {
      await change('configured');
      const file = join(dir, 'olympus.yml');
      await writeFile(file, [
        'dsn: sqlite://unused.db',
        'secrets:',
        '  system: ["0123456789abcdef0123456789abcdef"]',
        'serve:',
        '  public:',
        '    base_url: https://auth.example.com',
        'audit:',
        '  retention: 30m',
      ].join('\n'));
      const kept = await janitorCommand({ dsn: olympus.config.dsn, configPath: file, ...BATCHES, now: Date.now() + 20 * 60_000 });
      assert.match(kept, /audit events\s+0\n/);
      const gone = await janitorCommand({ dsn: olympus.config.dsn, configPath: file, ...BATCHES, now: Date.now() + 40 * 60_000 });
      assert.doesNotMatch(gone, /audit events\s+0\n/);
      assert.equal(await count(), 0);
    });
  });
}
