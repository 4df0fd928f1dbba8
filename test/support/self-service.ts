/**
 * Self-service steps the identity suites share: native registration and login through
 * @ory/client-fetch, and a browser login flow created and submitted as an SPA does (Accept JSON,
 * cookies in the jar). `publicUrl` is read at call time, so suites can build these before their server starts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Configuration, FrontendApi, type UiNodeInputAttributes } from '@ory/client-fetch';
import type { Browser } from './browser.ts';

type Json = Record<string, any>;

export const PASSWORD = 'a perfectly long passphrase 7';
export const freshEmail = (): string => `user-${randomUUID().slice(0, 8)}@example.com`;

/** The csrf_token node's value of a browser flow. */
export const csrfTokenOf = (flow: object): string => {
  const node = (flow as { ui: { nodes: Array<{ attributes: unknown }> } }).ui.nodes.find((n) => (n.attributes as UiNodeInputAttributes).name === 'csrf_token');
  assert.ok(node, 'a browser flow has a csrf_token node');
  return String((node.attributes as UiNodeInputAttributes).value);
};

export const selfService = (publicUrl: () => string) => {
  const api = () => new FrontendApi(new Configuration({ basePath: publicUrl() }));
  return {
    registerNatively: async (email = freshEmail()) => {
      const flow = await api().createNativeRegistrationFlow();
      const done = await api().updateRegistrationFlow({
        flow: flow.id,
        updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD },
      });
      return { email, done };
    },
    loginNatively: async (identifier: string, password = PASSWORD) => {
      const flow = await api().createNativeLoginFlow();
      return api().updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier, password } });
    },
    browserLoginFlow: async (browser: Browser): Promise<Json> => {
      const created = await browser.request(`${publicUrl()}/self-service/login/browser`, { headers: { accept: 'application/json' } });
      assert.equal(created.status, 200, created.body);
      assert.ok(browser.jar.has('olympus_csrf'), 'creating a browser flow sets the CSRF cookie');
      return JSON.parse(created.body) as Json;
    },
    submitJson: (browser: Browser, flowId: string, body: Json) =>
      browser.request(`${publicUrl()}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body),
      }),
  };
};
