/**
 * Child process: panva's oidc-provider (v9), a minimal configuration with one static confidential
 * client. Refresh tokens rotate on every use, as Olympus's always do. Tokens are minted through
 * its own models rather than a browser flow; SSO browsers sign in through its interactions
 * (oidc-provider-sso.ts). Storage: its default in-memory adapter (no database at all: that flatters
 * it against Olympus on durable storage; an LRU of 1000 entries, so the parent asks for fresh
 * tokens right before each run), or, when the parent names a file, the SQLite adapter of
 * oidc-sqlite-adapter.ts with the durability Olympus has.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { finishInteraction, INTERACTION_PATH, SIGN_IN_HEADER, signInBrowsers } from './oidc-provider-sso.ts';
import { sqliteAdapter } from './oidc-sqlite-adapter.ts';
import { freePort } from './ports.ts';
import { basicAuth, closeServer, OIDC_SQLITE_ENV, runTarget, type Fixtures, type Wanted } from './protocol.ts';

const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const ACCOUNT_ID = 'user-1';
const SCOPE = 'openid offline_access';
const SSO_SCOPE = 'openid';
const REDIRECT = 'http://127.0.0.1:9/callback';

const configuration = (adapter: unknown) => ({
  ...(adapter ? { adapter } : {}),
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // RS256 ID tokens, as Olympus signs by default.
  jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'bench' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // The default policy, written out only to silence the "you should change this" notice.
    introspection: { enabled: true, allowedPolicy: async () => true },
  },
  rotateRefreshToken: true,
  findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
});

/** A grant and a refresh token for it, as the authorization code exchange would have saved them. */
const mintRefreshToken = async (provider: Provider, client: NonNullable<Awaited<ReturnType<Provider['Client']['find']>>>): Promise<{ refreshToken: string; grantId: string }> => {
  const grant = new provider.Grant({ accountId: ACCOUNT_ID, clientId: CLIENT_ID });
  grant.addOIDCScope(SCOPE);
  const grantId = await grant.save();
  const authTime = Math.floor(Date.now() / 1000);
  const refreshToken = await new provider.RefreshToken({ client, accountId: ACCOUNT_ID, grantId, scope: SCOPE, gty: 'authorization_code', authTime }).save();
  return { refreshToken, grantId };
};

await runTarget(async () => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const file = process.env[OIDC_SQLITE_ENV];
  const adapter = file ? sqliteAdapter(file) : undefined;
  const provider = new Provider(issuer, configuration(adapter));
  const callback = provider.callback();
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(INTERACTION_PATH)) return callback(req, res);
    if (req.headers[SIGN_IN_HEADER] === undefined) return void res.writeHead(403).end('an interaction outside sign-in: the session was not remembered');
    finishInteraction(provider, ACCOUNT_ID, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const client = await provider.Client.find(CLIENT_ID);
  if (!client) throw new Error('the static client was not found');
  const auth = basicAuth(CLIENT_ID, CLIENT_SECRET);
  const authorizeUrl = `${issuer}/auth?${new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT, scope: SSO_SCOPE })}`;
  const ssoFixtures = async (browsers: number) =>
    ({ authorizeUrl, redirectUri: REDIRECT, tokenUrl: `${issuer}/token`, clientAuth: auth, sessions: await signInBrowsers(browsers, authorizeUrl, REDIRECT) });
  const mint = async ({ refreshTokens, ssoSessions }: Wanted): Promise<Fixtures> => {
    const minted = await Promise.all(Array.from({ length: Math.max(1, refreshTokens) }, () => mintRefreshToken(provider, client)));
    const accessToken = await new provider.AccessToken({ client, accountId: ACCOUNT_ID, grantId: minted[0].grantId, scope: SCOPE, gty: 'authorization_code' }).save();
    return {
      tokenUrl: `${issuer}/token`,
      introspectUrl: `${issuer}/token/introspection`,
      clientAuth: auth,
      introspectAuth: auth,
      refreshTokens: minted.slice(0, refreshTokens).map((m) => m.refreshToken),
      accessToken,
      ...(ssoSessions > 0 ? { sso: await ssoFixtures(ssoSessions) } : {}),
    };
  };
  const stop = async (): Promise<void> => {
    await closeServer(server);
    adapter?.close();
  };
  return { mint, stop };
});
