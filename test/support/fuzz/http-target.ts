/**
 * What the HTTP properties fire at: one running Olympus with a client of each kind, an identity, a
 * native login flow and a real pending login challenge, made once per server through the admin and
 * public APIs as an operator's tools would.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { createClient } from '../flow.ts';
import { pkcePair } from '../flow.ts';

export interface FuzzTarget {
  publicUrl: string;
  adminUrl: string;
  /** Where a browser may be sent by /oauth2/auth: the registered redirect URI and the configured UI pages. */
  redirectUri: string;
  uiUrls: string[];
  publicClientId: string;
  jwtClientId: string;
  patchClientId: string;
  identityId: string;
  loginFlowId: string;
  loginChallenge: string;
}

export const FUZZ_REDIRECT_URI = 'http://127.0.0.1:9/fuzz/callback';

const json = async (res: Response, expected: number): Promise<Record<string, any>> => {
  if (res.status !== expected) throw new Error(`fuzz fixture: ${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
};

export const prepareTarget = async (server: { publicUrl: string; adminUrl: string; config: { urls: Record<string, unknown> } }): Promise<FuzzTarget> => {
  const { publicUrl, adminUrl } = server;
  const publicClient = await createClient(adminUrl, {
    client_name: 'fuzz public', redirect_uris: [FUZZ_REDIRECT_URI], token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: 'openid offline_access',
  });
  const { publicKey } = await generateKeyPair('ES256');
  const jwtClient = await createClient(adminUrl, {
    client_name: 'fuzz private_key_jwt', token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'fuzz-key', use: 'sig', alg: 'ES256' }] },
  });
  const patchClient = await createClient(adminUrl, { client_name: 'fuzz patched', grant_types: ['client_credentials'], redirect_uris: [FUZZ_REDIRECT_URI] });
  const identity = await json(await fetch(`${adminUrl}/admin/identities`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schema_id: 'default', traits: { email: `fuzz-${Date.now()}@example.com` } }),
  }), 201);
  const flow = await json(await fetch(`${publicUrl}/self-service/login/api`, { headers: { accept: 'application/json' } }), 200);
  const authorize = new URL(`${publicUrl}/oauth2/auth`);
  const params = { client_id: publicClient.client_id, response_type: 'code', redirect_uri: FUZZ_REDIRECT_URI, scope: 'openid', state: 'fuzz-state-1', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const started = await fetch(authorize, { redirect: 'manual' });
  const loginChallenge = new URL(started.headers.get('location') ?? '', publicUrl).searchParams.get('login_challenge');
  if (!loginChallenge) throw new Error(`fuzz fixture: /oauth2/auth did not start a login (${started.status})`);
  const uiUrls = Object.values(server.config.urls).filter((u): u is string => typeof u === 'string');
  return {
    publicUrl, adminUrl, redirectUri: FUZZ_REDIRECT_URI, uiUrls, publicClientId: publicClient.client_id, jwtClientId: jwtClient.client_id,
    patchClientId: patchClient.client_id, identityId: String(identity.id), loginFlowId: String(flow.id), loginChallenge,
  };
};
