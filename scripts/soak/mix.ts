/**
 * The soak's mixed load through the load balancer: client credentials (4 of 10 operations), token
 * introspection (3), refresh-token rotation (2) and a password login through the identity API (1: a
 * login flow, then its submission, which costs an argon2id verification). Each operation reports every
 * HTTP exchange it made to `record`.
 */
import { randomUUID } from 'node:crypto';
import { basic, createClient, obtainCode } from '../../test/support/flow.ts';

/** `what`: the request's method and path, to name what failed. */
export type RecordExchange = (at: number, status: number, ms: number, what: string) => void;

interface Fixtures {
  publicUrl: string;
  adminUrl: string;
  clientAuth: string;
  /** Several people signing in, as in real traffic: one identifier's parallel logins are a lockout question of their own. */
  emails: string[];
  password: string;
  /** Refresh tokens ready to rotate; a rotation puts its successor back. */
  refreshTokens: string[];
  /** Recent access tokens to introspect. */
  accessTokens: string[];
}

const REDIRECT_URI = 'http://127.0.0.1:9/cb';
const PASSWORD = 'a perfectly long passphrase 7';
const PEOPLE = 50;

/** A refusal's error id or UI message ids (Kratos' envelope), to tell a lockout from a wrong password. */
const messageIds = (text: string): string => [...text.matchAll(/"(?:id|error)":\s*(\d{7}|"[a-z_]+")/g)].map((m) => m[1]).join(',');

const exchange = async (record: RecordExchange, url: string, init: RequestInit): Promise<{ status: number; body: any }> => {
  const started = performance.now();
  const what = `${init.method ?? 'GET'} ${new URL(url).pathname}`;
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    record(Date.now(), res.status, performance.now() - started, res.status < 400 ? what : `${what} ${messageIds(text)}`);
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : {} };
  } catch {
    record(Date.now(), 0, performance.now() - started, what);
    return { status: 0, body: {} };
  }
};

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit =>
  ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body: new URLSearchParams(fields) });

/** A client, an identity with a password and `refreshChains` refresh tokens, all made through the balancer. */
export const prepareMix = async (urls: { publicUrl: string; adminUrl: string }, refreshChains: number): Promise<Fixtures> => {
  const client = await createClient(urls.adminUrl, {
    redirect_uris: [REDIRECT_URI], scope: 'openid offline_access read', grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], response_types: ['code'],
  });
  const clientAuth = basic(client.client_id, client.client_secret!);
  const emails = Array.from({ length: PEOPLE }, () => `soak-${randomUUID().slice(0, 8)}@example.com`);
  for (const email of emails) {
    const created = await fetch(`${urls.adminUrl}/admin/identities`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schema_id: 'default', traits: { email }, credentials: { password: { config: { password: PASSWORD } } } }),
    });
    if (created.status !== 201) throw new Error(`identity creation failed: ${created.status} ${await created.text()}`);
  }
  const refreshTokens: string[] = [];
  for (let i = 0; i < refreshChains; i++) {
    const { code, verifier } = await obtainCode(urls, client.client_id, REDIRECT_URI);
    const res = await fetch(`${urls.publicUrl}/oauth2/token`, form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, { authorization: clientAuth }));
    refreshTokens.push(((await res.json()) as { refresh_token: string }).refresh_token);
  }
  return { ...urls, clientAuth, emails, password: PASSWORD, refreshTokens, accessTokens: [] };
};

const clientCredentials = async (f: Fixtures, record: RecordExchange): Promise<void> => {
  const answer = await exchange(record, `${f.publicUrl}/oauth2/token`, form({ grant_type: 'client_credentials', scope: 'read' }, { authorization: f.clientAuth }));
  if (answer.status === 200) {
    f.accessTokens.push(answer.body.access_token);
    if (f.accessTokens.length > 200) f.accessTokens.shift();
  }
};

const introspect = async (f: Fixtures, record: RecordExchange): Promise<void> => {
  const token = f.accessTokens[Math.floor(Math.random() * f.accessTokens.length)];
  if (token === undefined) return clientCredentials(f, record);
  await exchange(record, `${f.adminUrl}/admin/oauth2/introspect`, form({ token }));
};

const refresh = async (f: Fixtures, record: RecordExchange): Promise<void> => {
  const token = f.refreshTokens.shift();
  if (token === undefined) return clientCredentials(f, record); // every chain is busy
  const answer = await exchange(record, `${f.publicUrl}/oauth2/token`, form({ grant_type: 'refresh_token', refresh_token: token }, { authorization: f.clientAuth }));
  f.refreshTokens.push(answer.status === 200 ? answer.body.refresh_token : token);
};

const login = async (f: Fixtures, record: RecordExchange): Promise<void> => {
  const flow = await exchange(record, `${f.publicUrl}/self-service/login/api`, { headers: { accept: 'application/json' } });
  if (flow.status !== 200) return;
  await exchange(record, `${f.publicUrl}/self-service/login?flow=${flow.body.id}`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ method: 'password', identifier: f.emails[Math.floor(Math.random() * f.emails.length)], password: f.password }),
  });
};

const WEIGHTED = [clientCredentials, clientCredentials, clientCredentials, clientCredentials, introspect, introspect, introspect, refresh, refresh, login];

/** One operation of the mix, chosen by its weight. */
export const oneOperation = (f: Fixtures, record: RecordExchange): Promise<void> => WEIGHTED[Math.floor(Math.random() * WEIGHTED.length)](f, record);

export type MixFixtures = Fixtures;
