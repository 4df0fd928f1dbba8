/**
 * Helpers for the security suites (test/security-*.test.ts, docs/security.md): a production-mode server,
 * authorization with a caller-chosen PKCE challenge and state, token redemption, introspection and
 * the assertions every "never redirect, show the page" case shares.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { migrate, openDatabase } from '@olympus/storage';
import { freshDsn, type DatabaseKind } from './databases.ts';
import { startTestServer, type TestServer } from './server.ts';
import { Browser, queryOf, type Hop } from './browser.ts';
import { adminApi, authorizeThroughUi, type LoginAndConsent } from './oauth2.ts';
import { authorizeUrl, basic, pkcePair, tokenRequest } from './flow.ts';
import type { OlympusConfig } from '@olympus/config';

/** The S256 challenge of a verifier (RFC 7636 §4.2), also for deliberately malformed verifiers. */
export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * Olympus as production runs it (`dev: false`, https issuer): client validation without the dev
 * relaxations, HSTS on. Production never migrates on start, so the fresh database is migrated first.
 */
export const startProductionServer = async (
  kind: DatabaseKind,
  customize: (config: OlympusConfig) => OlympusConfig = (c) => c,
): Promise<TestServer> => {
  const dsn = await freshDsn(kind);
  const db = await openDatabase(dsn);
  try {
    await migrate(db, 'up');
  } finally {
    await db.close();
  }
  return startTestServer(kind, (c) =>
    customize({ ...c, dev: false, dsn, urls: { ...c.urls, issuer: 'https://auth.olympus.test' } }));
};

export interface ClientCredentials {
  client_id: string;
  client_secret?: string;
}

export const authHeader = (client: ClientCredentials): Record<string, string> =>
  ({ authorization: basic(client.client_id, client.client_secret!) });

export interface AuthorizeOptions {
  redirectUri: string;
  scope?: string;
  state?: string;
  verifier?: string;
  /** Sent as code_challenge; defaults to S256(verifier). */
  challenge?: string;
  browser?: Browser;
  extra?: Record<string, string>;
  who?: LoginAndConsent;
}

/**
 * A full authorization through the login and consent UI; returns the callback's query, the
 * verifier and the login/consent skip flags.
 */
export const authorizeFully = async (olympus: TestServer, clientId: string, opts: AuthorizeOptions) => {
  const verifier = opts.verifier ?? pkcePair().verifier;
  const url = authorizeUrl(olympus.publicUrl, {
    client_id: clientId, response_type: 'code', redirect_uri: opts.redirectUri, scope: opts.scope ?? 'openid offline_access',
    state: opts.state ?? 'state-1', code_challenge: opts.challenge ?? s256(verifier), code_challenge_method: 'S256', ...opts.extra,
  });
  const ui = await authorizeThroughUi(adminApi(olympus.adminUrl), opts.browser ?? new Browser(), url, opts.who ?? { subject: 'user-1' });
  const query = queryOf(ui.callback);
  return { query, code: query.get('code')!, verifier, callback: ui.callback, loginSkip: ui.loginSkip, consentSkip: ui.consentSkip };
};

/** Redeems a code at the token endpoint with client_secret_basic. */
export const redeem = (olympus: TestServer, client: ClientCredentials, form: Record<string, string>) =>
  tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', ...form }, authHeader(client));

/** One whole authorization and code exchange; returns the token response body. */
export const obtainTokens = async (olympus: TestServer, client: ClientCredentials, redirectUri: string, scope?: string) => {
  const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri, scope });
  const res = await redeem(olympus, client, { code, redirect_uri: redirectUri, code_verifier: verifier });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

export const refresh = (olympus: TestServer, client: ClientCredentials, refreshToken: string, extra: Record<string, string> = {}) =>
  tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, authHeader(client));

/** Admin introspection (RFC 7662); returns the raw JSON body. */
export const introspect = async (olympus: TestServer, token: string): Promise<Record<string, unknown>> => {
  const res = await fetch(`${olympus.adminUrl}/admin/oauth2/introspect`, { method: 'POST', body: new URLSearchParams({ token }) });
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, unknown>;
};

export const isActive = async (olympus: TestServer, token: string): Promise<boolean> => (await introspect(olympus, token)).active === true;

/** The browser got Olympus' own HTML error page, not a redirect (RFC 6749 §4.1.2.1, AS-4). */
export const assertErrorPage = (hop: Hop, status: number, error: string): void => {
  assert.equal(hop.status, status, `expected ${status} for ${hop.url}, got ${hop.status} → ${hop.location}`);
  assert.equal(hop.location, null, 'an error page never carries a Location');
  assert.match(hop.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(hop.body, new RegExp(`<strong>${error}</strong>`));
};

/** Waits until the wall clock enters a new second, so second-resolution claims (auth_time) can differ. */
export const nextSecond = async (): Promise<void> => {
  const wait = 1000 - (Date.now() % 1000) + 5;
  await new Promise((r) => setTimeout(r, wait));
};

/** The payload of a compact JWS, unverified (tests verify separately where it matters). */
export const jwtPayload = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
