/**
 * The login guard's "busy" answer on a real server, on SQLite and PostgreSQL
 * (docs/operations/protection.md "Busy?"; docs/troubleshooting/too_many_requests.md): while another
 * node holds `failures_before_lockout` logins of one identifier in flight and nobody has failed, a
 * login of that identifier waits for one of them to end, and after the bounded wait answers 429
 * too_many_requests with Retry-After (native) or goes back to its flow with message 4000901
 * (browser) — never the lockout, and no failure is recorded: once those logins end, the right
 * password signs in at once.
 * The other node is the guard itself (protectLogin) on the server's database and secrets, whose
 * verifications end only when the test opens their gate: the outcome does not depend on timing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch';
import type { OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import { protectLogin, type IdentityContext, type SelfServiceFlow } from '@olympus/identity';
import { createIdentityStorage, openDatabase, type Db } from '@olympus/storage';
import { Browser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

const PASSWORD = 'a perfectly long passphrase 7';
const LIMIT = 5;
const TOO_MANY_REQUESTS = 4000901;

const protection = (c: OlympusConfig): OlympusConfig => ({ ...c, protection: { loginFailuresBeforeLockout: LIMIT, lockout: 60_000 } });

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/** Another node of the cluster, reduced to what the login guard reads: the shared database and the system secrets. */
const otherNode = (config: OlympusConfig, db: Db): IdentityContext =>
  ({
    config, storage: createIdentityStorage(db), hasher: new KeyedHasher(config.secrets.system), sealer: new Sealer(config.secrets.system),
    log: quiet, now: Date.now,
  }) as unknown as IdentityContext;

/** `LIMIT` logins of `identifier` admitted on `node` and verified only when `open` is called. */
const holdLogins = (node: IdentityContext, identifier: string) => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const flow = { id: randomUUID(), kind: 'login', type: 'api', requestedAal: 'aal1', internal: { traceId: 'other-node' } } as unknown as SelfServiceFlow;
  const admitted: Array<() => void> = [];
  const allAdmitted = Promise.all(Array.from({ length: LIMIT }, () => new Promise<void>((resolve) => admitted.push(resolve))));
  const done = Promise.all(admitted.map((markAdmitted) =>
    protectLogin(node, { flow, body: { method: 'password', identifier }, ip: '198.51.100.40' }, async () => {
      markAdmitted();
      await gate;
      return 'ok';
    })));
  return { allAdmitted, release: async () => (open(), done) };
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`a login kept waiting behind another node's logins in flight (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;
    let db: Db;

    before(async () => {
      olympus = await startTestServer(kind, protection);
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      db = await openDatabase(olympus.config.dsn);
    });
    after(async () => {
      await db?.close();
      await olympus?.close();
    });

    const nativeLogin = async (identifier: string) => {
      const flow = await api.createNativeLoginFlow();
      try {
        await api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier, password: PASSWORD } });
        return { status: 200, retryAfter: null, body: {} as Json };
      } catch (err) {
        if (!(err instanceof ResponseError)) throw err;
        return { status: err.response.status, retryAfter: err.response.headers.get('retry-after'), body: (await err.response.json()) as Json };
      }
    };

    /** A browser login form submitted with the right password; the answer and the flow as it is shown afterwards. */
    const browserLogin = async (identifier: string) => {
      const browser = new Browser();
      const created = await browser.get(`${olympus.publicUrl}/self-service/login/browser`);
      const flowId = new URL(created.location!).searchParams.get('flow')!;
      const flowUrl = `${olympus.publicUrl}/self-service/login/flows?id=${flowId}`;
      const flow = JSON.parse((await browser.get(flowUrl)).body) as Json;
      const csrf = flow.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value as string;
      const answer = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier, password: PASSWORD, csrf_token: csrf }).toString(),
      });
      return { answer, created, shown: JSON.parse((await browser.get(flowUrl)).body) as Json };
    };

    test('429 too_many_requests with Retry-After, the browser back to its flow with 4000901, and no failure recorded', async () => {
      const email = `user-${randomUUID().slice(0, 8)}@example.com`;
      const registration = await api.createNativeRegistrationFlow();
      await api.updateRegistrationFlow({ flow: registration.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });

      const held = holdLogins(otherNode(olympus.config, db), email);
      await held.allAdmitted;
      const [native, browser] = await Promise.all([nativeLogin(email), browserLogin(email)]);
      await held.release();

      assert.equal(native.status, 429, JSON.stringify(native.body));
      assert.equal(native.retryAfter, '1');
      assert.equal(native.body.error.id, 'too_many_requests');
      assert.equal(native.body.error.code, 429);
      assert.equal(native.body.error.details.retry_after_seconds, 1);

      assert.equal(browser.answer.status, 303);
      assert.equal(browser.answer.location, browser.created.location, 'back to the login UI of the same flow');
      assert.deepEqual(browser.shown.ui.messages.map((m: Json) => [m.id, m.context?.retry_after_seconds]), [[TOO_MANY_REQUESTS, 1]]);

      assert.equal(olympus.logs.filter((l) => l.msg === 'login submission rate-limited').length, 2);
      assert.ok(!olympus.logs.some((l) => l.msg === 'login lockout started' || l.msg === 'login refused: locked out'), 'never the lockout');
      const later = await nativeLogin(email);
      assert.equal(later.status, 200, `the right password signs in once those logins ended: ${JSON.stringify(later.body)}`);
    });
  });
}
