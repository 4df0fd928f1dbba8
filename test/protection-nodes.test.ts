/**
 * The login lockout with two Olympus nodes on one database, SQLite file and PostgreSQL
 * (docs/operations/protection.md "How a login attempt is judged"; docs/security.md ID-7): more
 * parallel logins of one identifier than `failures_before_lockout`, spread over both nodes, are
 * never locked out when the password is right (at worst the 429 "try again"), while as many parallel
 * wrong guesses still get at most `failures_before_lockout` verifications, then the lockout.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch';
import type { OlympusConfig } from '@olympus/config';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

const PASSWORD = 'a perfectly long passphrase 7';
const WRONG = 'not the right passphrase';
const LIMIT = 5;
const LOCKOUT_MS = 4000;
const LOCKED = 4010901;
const INVALID = 4000006;

const protection = (c: OlympusConfig): OlympusConfig => ({ ...c, protection: { loginFailuresBeforeLockout: LIMIT, lockout: LOCKOUT_MS } });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`login lockout across two nodes on one database (${kind})`, () => {
    let nodes: TestServer[] = [];
    let apis: FrontendApi[] = [];

    before(async () => {
      const first = await startTestServer(kind, protection);
      // The second node shares the first one's database and secrets, as the nodes of a cluster do.
      const second = await startTestServer(kind, (c) => protection({ ...c, dsn: first.config.dsn, secrets: first.config.secrets }));
      nodes = [first, second];
      apis = nodes.map((node) => new FrontendApi(new Configuration({ basePath: node.publicUrl })));
    });
    after(async () => {
      for (const node of nodes.reverse()) await node.close();
    });

    const register = async (): Promise<string> => {
      const email = `user-${randomUUID().slice(0, 8)}@example.com`;
      const flow = await apis[0]!.createNativeRegistrationFlow();
      await apis[0]!.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
      return email;
    };

    /** Native login flows made first, on alternating nodes, so their submissions can all start at once. */
    const flowsOn = (count: number) => Promise.all(Array.from({ length: count }, async (_, i) => {
      const api = apis[i % 2]!;
      return { api, flowId: (await api.createNativeLoginFlow()).id };
    }));

    /** The status and, for a refused login, the message ids of one submission. */
    const submit = async ({ api, flowId }: { api: FrontendApi; flowId: string }, identifier: string, password: string) => {
      try {
        await api.updateLoginFlow({ flow: flowId, updateLoginFlowBody: { method: 'password', identifier, password } });
        return { status: 200, ids: [] as number[] };
      } catch (err) {
        if (!(err instanceof ResponseError)) throw err;
        const body = (await err.response.json()) as Json;
        return { status: err.response.status, ids: (body.ui?.messages ?? []).map((m: Json) => m.id as number) };
      }
    };
    const loginOnce = async (identifier: string, password: string) => submit((await flowsOn(1))[0]!, identifier, password);

    test(`3 × failures_before_lockout parallel right-password logins over both nodes: none is locked out`, async () => {
      const email = await register();
      const answers = await Promise.all((await flowsOn(3 * LIMIT)).map((flow) => submit(flow, email, PASSWORD)));
      for (const answer of answers) {
        assert.ok(answer.status === 200 || answer.status === 429, `answered ${answer.status} ${answer.ids.join(',')}`);
        assert.ok(!answer.ids.includes(LOCKED), 'never the lockout message');
      }
      assert.ok(answers.filter((a) => a.status === 200).length >= LIMIT, `successes: ${answers.map((a) => a.status).join(',')}`);
      for (let i = 0; i < LIMIT; i++) {
        assert.deepEqual((await loginOnce(email, WRONG)).ids, [INVALID], `wrong password ${i + 1}: no reservation was left behind`);
      }
      assert.deepEqual((await loginOnce(email, PASSWORD)).ids, [LOCKED]);
    });

    test(`3 × failures_before_lockout parallel wrong-password logins over both nodes: at most failures_before_lockout verified`, async () => {
      const email = await register();
      const answers = await Promise.all((await flowsOn(3 * LIMIT)).map((flow) => submit(flow, email, WRONG)));
      const verified = answers.filter((a) => a.ids.includes(INVALID)).length;
      assert.ok(verified >= 1 && verified <= LIMIT, `verified ${verified}`);
      for (const answer of answers.filter((a) => !a.ids.includes(INVALID))) {
        assert.ok(answer.ids.includes(LOCKED) || answer.status === 429, `answered ${answer.status} ${answer.ids.join(',')}`);
      }
      for (const api of apis) {
        const right = await submit({ api, flowId: (await api.createNativeLoginFlow()).id }, email, PASSWORD);
        assert.deepEqual([right.status, right.ids], [400, [LOCKED]], 'then locked on both nodes, even for the right password');
      }
    });
  });
}
