/** Raw-HTTP helpers for tests that assert exact protocol errors. */
import { createHash, randomBytes } from 'node:crypto';
import { Browser, queryOf } from './browser.ts';
import { adminApi, authorizeThroughUi } from './oauth2.ts';

export const pkcePair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export const createClient = async (adminUrl: string, body: Record<string, unknown>) => {
  const res = await fetch(`${adminUrl}/admin/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`client creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { client_id: string; client_secret?: string };
};

export const authorizeUrl = (publicUrl: string, params: Record<string, string>): string => {
  const url = new URL(`${publicUrl}/oauth2/auth`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const tokenRequest = async (publicUrl: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
  const res = await fetch(`${publicUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string>, headers: res.headers };
};

/** Runs a whole authorization for `subject` and returns the code and the PKCE verifier. */
export const obtainCode = async (
  olympus: { publicUrl: string; adminUrl: string },
  clientId: string,
  redirectUri: string,
  scope = 'openid offline_access',
) => {
  const { verifier, challenge } = pkcePair();
  const url = authorizeUrl(olympus.publicUrl, {
    client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope, state: 'state-123',
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  const ui = await authorizeThroughUi(adminApi(olympus.adminUrl), new Browser(), url, { subject: 'user-1' });
  const code = queryOf(ui.callback).get('code')!;
  return { code, verifier };
};
