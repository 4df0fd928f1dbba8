/**
 * Child process: Olympus on durable storage (the DSN comes from the parent: a SQLite file or a
 * throwaway PostgreSQL), logs silenced, its data set up through the real admin API and real
 * authorization flows (the same helpers the end-to-end tests use).
 */
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { createLogger, startServer } from '@olympus/server';
import { createClient, obtainCode, tokenRequest } from '../../test/support/flow.ts';
import { makeConcurrently } from './concurrently.ts';
import { freePort } from './ports.ts';
import { mintLoginFixtures, nativeFlowsAvailable, registerBenchUser } from './olympus-login.ts';
import { ssoFixtures } from './olympus-sso.ts';
import { basicAuth, OLYMPUS_DSN_ENV, runTarget, type Fixtures, type Wanted } from './protocol.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
/** Authorization flows run side by side while minting refresh tokens (setup only, not measured). */
const MINT_CONCURRENCY = 8;

const benchConfig = async (dsn: string): Promise<OlympusConfig> => {
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const urls = { publicUrl: `http://127.0.0.1:${publicPort}`, adminUrl: `http://127.0.0.1:${adminPort}` };
  const config = defaultDevConfig(process.cwd(), { ...urls, dsn });
  // BENCH_TRACE=off measures Olympus without the flow tracer (docs/operations/tracing.md), to compare.
  return { ...config, log: { level: 'silent' }, trace: { ...config.trace, enabled: process.env.BENCH_TRACE !== 'off' } };
};

interface Minted {
  refreshToken: string;
  accessToken: string;
}

/** One whole authorization (login + consent through the admin API) and its code exchange. */
const mintThroughFlow = async (urls: { publicUrl: string; adminUrl: string }, clientId: string, auth: string): Promise<Minted> => {
  const { code, verifier } = await obtainCode(urls, clientId, REDIRECT);
  const res = await tokenRequest(urls.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, { authorization: auth });
  if (res.status !== 200 || !res.body.refresh_token) throw new Error(`code exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { refreshToken: res.body.refresh_token, accessToken: res.body.access_token };
};

await runTarget(async () => {
  const dsn = process.env[OLYMPUS_DSN_ENV];
  if (!dsn) throw new Error(`${OLYMPUS_DSN_ENV} is not set`);
  const config = await benchConfig(dsn);
  const server = await startServer(config, { logger: createLogger(config) });
  const urls = { publicUrl: config.serve.public.url, adminUrl: config.serve.admin.url };
  const client = await createClient(urls.adminUrl, {
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: 'openid offline_access',
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'client_secret_basic',
  });
  const auth = basicAuth(client.client_id, client.client_secret!);
  const canLogin = await nativeFlowsAvailable(urls.publicUrl);
  // SSO browsers sign in as the bench user (Hera's consent reads its traits); no native flows, no SSO scenario.
  const subject = canLogin ? await registerBenchUser(urls.publicUrl) : undefined;
  const mint = async ({ refreshTokens, loginFlows, ssoSessions }: Wanted): Promise<Fixtures> => {
    // At least one flow, for the access token the introspection scenario asks about.
    const minted = await makeConcurrently(Math.max(1, refreshTokens), MINT_CONCURRENCY, () => mintThroughFlow(urls, client.client_id, auth));
    return {
      tokenUrl: `${urls.publicUrl}/oauth2/token`,
      introspectUrl: `${urls.adminUrl}/admin/oauth2/introspect`,
      clientAuth: auth,
      refreshTokens: minted.slice(0, refreshTokens).map((m) => m.refreshToken),
      accessToken: minted[0].accessToken,
      ...(canLogin && loginFlows > 0 ? { login: await mintLoginFixtures(urls.publicUrl, loginFlows) } : {}),
      ...(subject && ssoSessions > 0
        ? { sso: await ssoFixtures({ urls, clientId: client.client_id, clientAuth: auth, redirectUri: REDIRECT, subject }, ssoSessions) }
        : {}),
    };
  };
  return { mint, stop: () => server.close() };
});
