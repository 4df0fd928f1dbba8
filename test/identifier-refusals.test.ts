/**
 * Control characters (U+0000–U+001F, U+007F) never make an identifier or an email address: recovery,
 * verification, registration, login and the admin identity API refuse them the way they refuse
 * `not-an-email` (message 4000004, or Kratos' bad_request), on SQLite and PostgreSQL, never with a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, IdentityApi } from '@ory/client-fetch';
import { startTestServer, type TestServer } from './support/server.ts';
import { failure } from './support/refused.ts';
import { PASSWORD, freshEmail } from './support/self-service.ts';

type Json = Record<string, any>;

const CONTROLS = ['\u0000', '\u0001', '\u0009', '\u000a', '\u001f', '\u007f'];
const withControl = (c: string): string => `a${c}b@example.com`;
const describeChar = (c: string): string => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A schema whose login identifier is a free-form username (no format), next to an email. */
const USERNAME_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    traits: {
      type: 'object',
      properties: {
        username: { type: 'string', minLength: 1, 'ory.sh/kratos': { credentials: { password: { identifier: true } } } },
        email: { type: 'string', format: 'email', 'ory.sh/kratos': { recovery: { via: 'email' } } },
      },
      required: ['username'],
    },
  },
};

/** The messages attached to one node of a refused flow. */
const nodeMessages = (flow: Json, name: string): Array<{ id: number; text: string }> =>
  flow.ui.nodes.find((n: Json) => n.attributes?.name === name)?.messages ?? [];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`control characters in identifiers and emails (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;
    let identities: IdentityApi;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({
        ...c,
        identity: { ...c.identity, schemas: [{ id: 'username', url: `base64://${Buffer.from(JSON.stringify(USERNAME_SCHEMA)).toString('base64')}` }] },
      }));
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      identities = new IdentityApi(new Configuration({ basePath: olympus.adminUrl }));
    });
    after(() => olympus?.close());

    test('recovery and verification refuse an email with a control character like not-an-email (4000004)', async () => {
      const flows = [
        ['recovery', async (email: string) => api.updateRecoveryFlow({ flow: (await api.createNativeRecoveryFlow()).id, updateRecoveryFlowBody: { method: 'code', email } })],
        ['verification', async (email: string) => api.updateVerificationFlow({ flow: (await api.createNativeVerificationFlow()).id, updateVerificationFlowBody: { method: 'code', email } })],
      ] as const;
      for (const [name, send] of flows) {
        const reference = await failure(send('not-an-email'));
        assert.equal(reference.status, 400);
        assert.deepEqual(nodeMessages(reference.body, 'email').map((m) => m.id), [4000004], `${name}: the reference refusal`);
        for (const c of CONTROLS) {
          const refused = await failure(send(withControl(c)));
          assert.equal(refused.status, 400, `${name} ${describeChar(c)}: ${JSON.stringify(refused.body)}`);
          assert.deepEqual(nodeMessages(refused.body, 'email').map((m) => m.id), [4000004], `${name} ${describeChar(c)}`);
        }
      }
    });

    test('registration refuses an email with a control character (4000004)', async () => {
      for (const c of CONTROLS) {
        const flow = await api.createNativeRegistrationFlow();
        const refused = await failure(api.updateRegistrationFlow({
          flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email: withControl(c) }, password: PASSWORD },
        }));
        assert.equal(refused.status, 400, `${describeChar(c)}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(nodeMessages(refused.body, 'traits.email').map((m) => m.id), [4000004], describeChar(c));

      }
    });

    test('the admin API refuses an identity whose email or identifier holds a control character', async () => {
      for (const c of CONTROLS) {
        for (const [schema_id, traits] of [['default', { email: withControl(c) }], ['username', { username: `ann${c}` }], ['username', { username: 'ann', email: withControl(c) }]] as const) {
          const refused = await failure(identities.createIdentity({ createIdentityBody: { schema_id, traits } }));
          assert.equal(refused.status, 400, `${schema_id} ${describeChar(c)}: ${JSON.stringify(refused.body)}`);
          assert.equal(refused.body.error.id, 'bad_request');
        }
      }
    });

    test('login with a control character in the identifier is refused like any unknown identifier, never a 500', async () => {
      const email = freshEmail();
      await identities.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email }, credentials: { password: { config: { password: PASSWORD } } } } });
      const [local, domain] = email.split('@');
      for (const c of CONTROLS) {
        const flow = await api.createNativeLoginFlow();
        const identifier = `${local}${c}@${domain}`;
        const refused = await failure(api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier, password: PASSWORD } }));
        assert.equal(refused.status, 400, `${describeChar(c)}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(refused.body.ui.messages.map((m: Json) => m.id), [4000006], describeChar(c));
      }
    });
  });
}
