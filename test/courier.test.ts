/**
 * The dev inbox on a real Olympus with no SMTP configured: messages queued through the identity
 * context stay in the store and are read through Kratos' courier admin API (with @ory/client-fetch's
 * CourierApi and plain HTTP) and through `olympus courier list`, codes included. With an SMTP URI,
 * the server's own courier worker delivers them to a real SMTP server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Configuration, CourierApi, ResponseError } from '@ory/client-fetch';
import { enqueueEmail, extractCode, type CourierMessage } from '@olympus/identity';
import { run } from '../apps/cli/src/run.ts';
import { captureIo } from '../apps/cli/test/helpers/capture-io.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { startSmtp } from './support/smtp.ts';

const getJson = async (url: string) => {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  return { status: res.status, link: res.headers.get('link'), cache: res.headers.get('cache-control'), body: (await res.json()) as any };
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`courier dev inbox (${kind})`, () => {
    let olympus: TestServer;
    let api: CourierApi;
    const queued: CourierMessage[] = [];
    const recipient = `ada-${kind}@example.com`;

    before(async () => {
      olympus = await startTestServer(kind);
      api = new CourierApi(new Configuration({ basePath: olympus.adminUrl }));
      const identity = olympus.server.identity;
      for (const code of ['310001', '310002', '310003']) {
        queued.push(await enqueueEmail(identity, {
          recipient, templateType: 'recovery_code_valid', context: { code, expiresInMinutes: 15, traits: { name: { first: 'Ada' } } },
        }));
      }
      queued.push(await enqueueEmail(identity, { recipient: `bob-${kind}@example.com`, templateType: 'verification_code_valid', context: { code: '420042' } }));
    });
    after(() => olympus?.close());

    test('CourierApi lists the queued messages newest first, with their bodies and codes', async () => {
      const messages = await api.listCourierMessages({ recipient });
      assert.deepEqual(messages.map((m) => m.id), queued.slice(0, 3).map((m) => m.id).reverse());
      assert.ok(messages.every((m) => m.status === 'queued' && m.type === 'email' && m.template_type === 'recovery_code_valid' && m.send_count === 0));
      assert.deepEqual(messages.map((m) => extractCode(m.body)), ['310003', '310002', '310001']);
      assert.equal(messages[0]!.subject, 'Your account recovery code');
    });

    test('CourierApi gets one message; an unknown id is a 404 in Kratos\' error envelope', async () => {
      const one = await api.getCourierMessage({ id: queued[3]!.id });
      assert.equal(one.recipient, `bob-${kind}@example.com`);
      assert.equal(extractCode(one.body), '420042');
      const missing = await getJson(`${olympus.adminUrl}/admin/courier/messages/00000000-0000-4000-8000-000000000000`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.id, 'not_found');
      assert.equal(missing.body.error.code, 404);
      assert.equal(missing.body.error.status, 'Not Found');
      await assert.rejects(api.getCourierMessage({ id: 'nope' }), (err) => err instanceof ResponseError && err.response.status === 404);
    });

    test('filters by status, pages with sealed tokens, and never caches', async () => {
      assert.deepEqual(await api.listCourierMessages({ recipient, status: 'sent' }), []);
      const first = await getJson(`${olympus.adminUrl}/admin/courier/messages?recipient=${encodeURIComponent(recipient)}&page_size=2`);
      assert.equal(first.status, 200);
      assert.equal(first.cache, 'no-store');
      assert.deepEqual(first.body.map((m: CourierMessage) => m.id), [queued[2]!.id, queued[1]!.id]);
      const next = /<([^>]+)>; rel="next"/.exec(first.link ?? '')?.[1];
      assert.ok(next, `a next link in ${first.link}`);
      const second = await getJson(`${olympus.adminUrl}${next}`);
      assert.deepEqual(second.body.map((m: CourierMessage) => m.id), [queued[0]!.id]);
      assert.doesNotMatch(second.link ?? '', /rel="next"/);
    });

    test('a forged page token, a token of another list or an unknown status is a 400 bad_request', async () => {
      const first = await getJson(`${olympus.adminUrl}/admin/courier/messages?page_size=1`);
      const token = new URL(/<([^>]+)>; rel="next"/.exec(first.link ?? '')![1]!, olympus.adminUrl).searchParams.get('page_token')!;
      const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
      const clients = await getJson(`${olympus.adminUrl}/admin/clients?page_size=1`);
      for (const query of [`page_token=${flipped}`, 'page_token=garbage', 'status=delivered', 'page_size=0']) {
        const res = await getJson(`${olympus.adminUrl}/admin/courier/messages?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.error.id, 'bad_request', query);
      }
      assert.equal(clients.status, 200);
    });

    test('`olympus courier list` prints recipient, subject, status and the body with its code', async () => {
      const io = captureIo();
      assert.equal(await run(['courier', 'list', '--recipient', recipient, '--endpoint', olympus.adminUrl], io), 0, io.stderrText);
      const text = io.stdoutText;
      for (const m of queued.slice(0, 3)) assert.ok(text.includes(m.id));
      assert.match(text, new RegExp(`RECIPIENT\\s+${recipient}`));
      assert.match(text, /SUBJECT\s+Your account recovery code/);
      assert.match(text, /STATUS\s+queued/);
      for (const code of ['310001', '310002', '310003']) assert.match(text, new RegExp(`^\\s+${code}$`, 'm'));
      assert.doesNotMatch(text, /420042/, 'only the chosen recipient');

      const json = captureIo();
      assert.equal(await run(['courier', 'list', '--status', 'queued', '--format', 'json', '--endpoint', olympus.adminUrl], json), 0);
      const items = JSON.parse(json.stdoutText).items as CourierMessage[];
      assert.deepEqual(new Set(items.map((m) => m.id)), new Set(queued.map((m) => m.id)));

      const bad = captureIo();
      assert.equal(await run(['courier', 'list', '--status', 'delivered', '--endpoint', olympus.adminUrl], bad), 2);
      assert.match(bad.stderrText, /--status must be one of queued, processing, sent, abandoned/);
    });
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`courier worker in the server (${kind})`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let olympus: TestServer;
    before(async () => {
      smtp = await startSmtp();
      olympus = await startTestServer(kind, (config) => ({
        ...config, courier: { ...config.courier, smtpConnectionUri: `smtp://127.0.0.1:${smtp.port}/?disable_starttls=true` },
      }));
    });
    after(async () => {
      await olympus?.close();
      await smtp?.close();
    });

    test('a queued verification code is mailed by the running server and then shows as sent', { timeout: 30_000 }, async () => {
      const arrival = smtp.nextMail();
      const message = await enqueueEmail(olympus.server.identity, {
        recipient: `carol-${kind}@example.com`, templateType: 'verification_code_valid', context: { code: '606060', expiresInMinutes: 10 },
      });
      const raw = await arrival;
      assert.match(raw, new RegExp(`^To: carol-${kind}@example\\.com\r$`, 'm'));
      assert.equal(extractCode(raw.slice(raw.indexOf('\r\n\r\n'))), '606060');
      let status = '';
      while (status !== 'sent') {
        status = (await getJson(`${olympus.adminUrl}/admin/courier/messages/${message.id}`)).body.status;
        if (status !== 'sent') await sleep(20);
      }
      const sent = await getJson(`${olympus.adminUrl}/admin/courier/messages/${message.id}`);
      assert.equal(sent.body.send_count, 1);
      assert.deepEqual(sent.body.dispatches.map((d: { status: string }) => d.status), ['success']);
    });
  });
}
