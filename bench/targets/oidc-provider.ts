/**
 * Child process: panva's oidc-provider (v9), a minimal configuration with one static confidential
 * client, on its default in-memory adapter (no database at all: this flatters it against
 * Olympus on durable storage). Refresh tokens rotate on every use, as Olympus's always do.
 * Tokens are minted through its own models rather than a browser flow. That adapter is an LRU of
 * 1000 entries, so tokens minted before a run of 100 000 requests would be gone: the parent asks
 * for fresh ones right before each run.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './ports.ts';
import { basicAuth, closeServer, runTarget, type Fixtures } from './protocol.ts';

const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const ACCOUNT_ID = 'user-1';
const SCOPE = 'openid offline_access';

const configuration = () => ({
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1:9/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // RS256 ID tokens, as Olympus signs by default.
  jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'bench' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
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
  const provider = new Provider(issuer, configuration());
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const client = await provider.Client.find(CLIENT_ID);
  if (!client) throw new Error('the static client was not found');
  const auth = basicAuth(CLIENT_ID, CLIENT_SECRET);
  const mint = async (refreshTokens: number): Promise<Fixtures> => {
    const minted = await Promise.all(Array.from({ length: Math.max(1, refreshTokens) }, () => mintRefreshToken(provider, client)));
    const accessToken = await new provider.AccessToken({ client, accountId: ACCOUNT_ID, grantId: minted[0].grantId, scope: SCOPE, gty: 'authorization_code' }).save();
    return {
      tokenUrl: `${issuer}/token`,
      introspectUrl: `${issuer}/token/introspection`,
      clientAuth: auth,
      introspectAuth: auth,
      refreshTokens: minted.slice(0, refreshTokens).map((m) => m.refreshToken),
      accessToken,
    };
  };
  return { mint, stop: () => closeServer(server) };
});
