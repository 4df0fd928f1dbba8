/**
 * The courier worker against a real SMTP server (the `smtp-server` package) on a loopback port,
 * with the queue on SQLite and PostgreSQL: a queued recovery code arrives as an e-mail whose code
 * can be read back, failed sends are recorded and retried, and TLS is required unless disabled.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import {
  MAX_SENDS, deliverDueMessages, enqueueEmail, extractCode, retryDelayMs, smtpTransport, startCourierWorker,
  type CourierStore, type CourierWorkerDeps,
} from '@olympus/identity';
import type { Logger } from '@olympus/oauth2';
import { createIdentityStorage, type Db } from '@olympus/storage';
import { testDatabases } from '../../../test/support/databases.ts';

interface ReceivedMail {
  envelopeTo: string[];
  secure: boolean;
  user: string | undefined;
  headers: Record<string, string>;
  body: string;
}

/** RFC 2045 §6.7 quoted-printable: soft line breaks and =XX octets. */
const decodeQuotedPrintable = (text: string): string =>
  Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

/** Splits a raw single-part message into unfolded headers and the decoded body. */
const parseMail = (raw: string): { headers: Record<string, string>; body: string } => {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoded = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  const body = encoding === 'quoted-printable' ? decodeQuotedPrintable(encoded)
    : encoding === 'base64' ? Buffer.from(encoded, 'base64').toString('utf8') : encoded;
  return { headers, body: body.replace(/\r\n/g, '\n') };
};

/** A loopback SMTP server that keeps what it receives and refuses recipients starting with "bounce". */
const startSmtp = async (options: SMTPServerOptions) => {
  const inbox: ReceivedMail[] = [];
  const waiting: Array<(mail: ReceivedMail) => void> = [];
  const server = new SMTPServer({
    ...options,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: session.user,
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
        };
        inbox.push(mail);
        waiting.shift()?.(mail);
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return {
    port: (listening.address() as AddressInfo).port,
    inbox,
    nextMail: () => new Promise<ReceivedMail>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
};

const logLines: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
const log: Logger = (() => {
  const at = (level: string) => (a: Record<string, unknown> | string, b?: string) =>
    void logLines.push(typeof a === 'string' ? { level, msg: a, fields: {} } : { level, msg: b ?? '', fields: a });
  const logger: Logger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
})();

const courierConfig = (smtpConnectionUri: string) => ({ courier: { smtpConnectionUri, fromAddress: 'no-reply@olympus.test', fromName: 'Olympus Test' } });

for (const database of testDatabases) {
  describe(`courier over SMTP [${database.name}]`, () => {
    let db: Db;
    let courier: CourierStore;
    let plain: Awaited<ReturnType<typeof startSmtp>>;
    let starttls: Awaited<ReturnType<typeof startSmtp>>;
    const clock = { now: Date.now() };
    const deps = (uri: string): CourierWorkerDeps => ({ config: courierConfig(uri), storage: { courier }, log, now: () => clock.now });
    const plainUri = () => `smtp://courier:p%40ss%20word@127.0.0.1:${plain.port}/?disable_starttls=true`;

    before(async () => {
      db = await database.openMigrated();
      courier = createIdentityStorage(db).courier;
      plain = await startSmtp({
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        onAuth(auth, _session, callback) {
          if (auth.username === 'courier' && auth.password === 'p@ss word') callback(null, { user: 'courier' });
          else callback(new Error('Invalid username or password'));
        },
      });
      starttls = await startSmtp({ authOptional: true }); // smtp-server's built-in self-signed certificate
    });
    after(async () => {
      await plain?.close();
      await starttls?.close();
      await db?.close();
    });

    test('the worker sends a queued recovery code; the code is read back from the received mail', { timeout: 30_000 }, async () => {
      const queued = await enqueueEmail(deps(''), {
        recipient: 'ada@example.com', templateType: 'recovery_code_valid',
        context: { code: '482913', expiresInMinutes: 15, traits: { email: 'ada@example.com', name: { first: 'Ada' } } },
      });
      const arrival = plain.nextMail();
      const worker = startCourierWorker(deps(plainUri()), { intervalMs: 20 });
      const mail = await arrival;
      await worker.stop(); // waits for the round in flight, which records the dispatch

      assert.deepEqual(mail.envelopeTo, ['ada@example.com']);
      assert.equal(mail.user, 'courier', 'authenticated with the decoded user and password');
      assert.equal(mail.headers.subject, 'Your account recovery code');
      assert.equal(mail.headers.from, 'Olympus Test <no-reply@olympus.test>');
      assert.equal(mail.headers.to, 'ada@example.com');
      assert.match(mail.body, /^Hello Ada,$/m);
      assert.equal(extractCode(mail.body), '482913');

      const sent = await courier.get(queued.id);
      assert.equal(sent?.status, 'sent');
      assert.equal(sent?.send_count, 1);
      assert.deepEqual(sent?.dispatches.map((d) => d.status), ['success']);
    });

    test('a refused recipient is retried after a delay and abandoned after the last send', async () => {
      const queued = await enqueueEmail(deps(''), { recipient: 'bounce@example.com', templateType: 'login_code_valid', context: { code: '777001' } });
      const transport = smtpTransport(courierConfig(plainUri()).courier);
      try {
        for (let send = 1; send <= MAX_SENDS; send++) {
          assert.equal(await deliverDueMessages(deps(plainUri()), transport), 1, `send ${send} is due`);
          const after = await courier.get(queued.id);
          assert.equal(after?.status, send < MAX_SENDS ? 'queued' : 'abandoned');
          assert.equal(after?.send_count, send);
          assert.match(after?.dispatches.at(-1)?.error?.message ?? '', /550/);
          if (send < MAX_SENDS) {
            clock.now += retryDelayMs(send) - 1;
            assert.equal(await deliverDueMessages(deps(plainUri()), transport), 0, 'not retried before its delay');
            clock.now += 1;
          }
        }
      } finally {
        transport.close();
      }
      assert.ok(logLines.some((l) => l.level === 'error' && l.fields.courier_message_id === queued.id && /abandoned/.test(l.msg)));
      assert.ok(!plain.inbox.some((m) => m.envelopeTo.includes('bounce@example.com')));
    });

    test('smtp:// insists on STARTTLS: a server without it gets nothing, and an untrusted certificate is refused', async () => {
      const noTls = await enqueueEmail(deps(''), { recipient: 'tls-a@example.com', templateType: 'stub', context: {} });
      const noTlsTransport = smtpTransport(courierConfig(`smtp://127.0.0.1:${plain.port}/`).courier);
      const untrusted = smtpTransport(courierConfig(`smtp://127.0.0.1:${starttls.port}/`).courier);
      try {
        await deliverDueMessages(deps(''), noTlsTransport, 1);
        const unsent = await courier.get(noTls.id);
        assert.equal(unsent?.status, 'queued');
        assert.match(unsent?.dispatches[0]?.error?.message ?? '', /STARTTLS/i);

        const selfSigned = await enqueueEmail(deps(''), { recipient: 'tls-b@example.com', templateType: 'stub', context: {} });
        clock.now += retryDelayMs(1);
        await deliverDueMessages(deps(''), untrusted, 10);
        assert.match((await courier.get(selfSigned.id))?.dispatches[0]?.error?.message ?? '', /certificate/i);
        assert.equal(starttls.inbox.length, 0);
      } finally {
        noTlsTransport.close();
        untrusted.close();
      }
    });

    test('with skip_ssl_verify the mail goes out over STARTTLS', async () => {
      clock.now += 10 * retryDelayMs(MAX_SENDS);
      const before = (await courier.list({ limit: 100, status: 'queued' })).messages.length;
      const transport = smtpTransport(courierConfig(`smtp://127.0.0.1:${starttls.port}/?skip_ssl_verify=true`).courier);
      try {
        assert.equal(await deliverDueMessages(deps(''), transport, 10), before);
      } finally {
        transport.close();
      }
      assert.ok(starttls.inbox.length >= 1);
      assert.ok(starttls.inbox.every((m) => m.secure), 'every message crossed TLS');
      assert.deepEqual((await courier.list({ limit: 100, status: 'queued' })).messages, []);
    });
  });
}
