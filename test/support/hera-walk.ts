/**
 * An authorization walked hop by hop with the cookie-jar browser through Hera: /oauth2/auth → Hera's
 * /login → the identity login flow (form post with its csrf_token) → back to /oauth2/auth → /consent.
 */
import assert from 'node:assert/strict';
import { ensureDemoIdentity } from '@olympus/server';
import { Browser, type Hop } from './browser.ts';
import { authorizeUrl, createClient, pkcePair } from './flow.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface WalkTarget {
  publicUrl: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

/**
 * A server with the demo identity and one public PKCE client for `redirectUri` (scope openid email),
 * `client` overriding its metadata: what the hop-by-hop suites walk.
 */
export const startWalk = async (kind: 'sqlite' | 'postgres', redirectUri: string, client: Record<string, unknown>) => {
  const olympus: TestServer = await startTestServer(kind);
  await ensureDemoIdentity(olympus.server.identity);
  const { client_id } = await createClient(olympus.adminUrl, {
    token_endpoint_auth_method: 'none', redirect_uris: [redirectUri], scope: 'openid email',
    grant_types: ['authorization_code'], response_types: ['code'], ...client,
  });
  const target: WalkTarget = { publicUrl: olympus.publicUrl, clientId: client_id, redirectUri, scope: 'openid email' };
  return { olympus, target };
};

/** The first hops: /oauth2/auth 302, then Hera's answer to the login challenge. */
export const startAtHera = async (browser: Browser, target: WalkTarget) => {
  const pkce = pkcePair();
  const start = await browser.get(authorizeUrl(target.publicUrl, {
    client_id: target.clientId, response_type: 'code', redirect_uri: target.redirectUri, scope: target.scope, state: 'state-123456',
    code_challenge: pkce.challenge, code_challenge_method: 'S256',
  }));
  assert.equal(start.status, 302, start.body);
  return { hera: await browser.get(start.location!), verifier: pkce.verifier };
};

/**
 * Follows Hera's hand-over (`hera`: its 303 to the identity login flow) and posts the password form
 * with the flow's csrf_token; returns the submission's answer (a 303 to the login verifier on success).
 */
export const signInAt = async (browser: Browser, publicUrl: string, hera: Hop, identifier: string, password: string): Promise<Hop> => {
  assert.equal(hera.status, 303, 'Hera hands over to the identity login flow');
  const flowStart = await browser.get(new URL(hera.location!, publicUrl).toString());
  const flowId = new URL(flowStart.location!, publicUrl).searchParams.get('flow');
  assert.ok(flowId, `a login flow was created: ${flowStart.location}`);
  const flow = JSON.parse((await browser.request(`${publicUrl}/self-service/login/flows?id=${flowId}`, { headers: { accept: 'application/json' } })).body);
  const csrf = flow.ui.nodes.find((n: { attributes: { name?: string } }) => n.attributes.name === 'csrf_token').attributes.value as string;
  return browser.request(`${publicUrl}/self-service/login?flow=${flowId}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ method: 'password', identifier, password, csrf_token: csrf }),
  });
};

/** Signs in with a password on the identity login flow Hera handed over to; returns the consent hop. */
export const signInUntilConsent = async (browser: Browser, target: WalkTarget, identifier: string, password: string) => {
  const { hera, verifier } = await startAtHera(browser, target);
  const submitted = await signInAt(browser, target.publicUrl, hera, identifier, password);
  assert.equal(submitted.status, 303, submitted.body);
  const verified = await browser.get(submitted.location!);
  assert.equal(verified.status, 302);
  assert.match(verified.location!, /\/consent\?consent_challenge=/);
  return { consent: await browser.get(verified.location!), verifier };
};
