/**
 * GitHub, Microsoft and Apple on loopback for the social sign-in tests: one server answers their
 * endpoints (token, GitHub's /user and /user/emails, Microsoft's discovery and keys, Apple's keys) with
 * the shapes of recorded-providers.ts, under a path that starts with the real host name
 * (`/api.github.com/user`). `reroute` wraps a server's provider HTTP so a request for
 * `https://api.github.com/user` goes there instead; everything else about the request is unchanged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { ProviderHttpPort } from '@olympus/identity';
import { appleIdTokenClaims, githubEmails, githubUser, microsoftCommonDiscovery, microsoftIdTokenClaims } from './recorded-providers.ts';
import { freePort } from './server.ts';

export const REROUTED_HOSTS = ['github.com', 'api.github.com', 'login.microsoftonline.com', 'appleid.apple.com', 'gitlab.com'];

/** Microsoft's document for one tenant names that tenant's issuer and endpoints; `common` names the template. */
const microsoftDiscovery = (tenant: string) => {
  if (tenant === 'common') return microsoftCommonDiscovery;
  const swap = (value: unknown) => (typeof value === 'string' ? value.replace('/common/', `/${tenant}/`) : value);
  return { ...Object.fromEntries(Object.entries(microsoftCommonDiscovery).map(([k, v]) => [k, swap(v)])), issuer: `https://login.microsoftonline.com/${tenant}/v2.0` };
};

/** GET https://gitlab.com/.well-known/openid-configuration (abridged). */
const gitlabDiscovery = {
  issuer: 'https://gitlab.com', authorization_endpoint: 'https://gitlab.com/oauth/authorize', token_endpoint: 'https://gitlab.com/oauth/token',
  userinfo_endpoint: 'https://gitlab.com/oauth/userinfo', jwks_uri: 'https://gitlab.com/oauth/discovery/keys',
  scopes_supported: ['api', 'read_user', 'openid', 'profile', 'email'], response_types_supported: ['code'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'], code_challenge_methods_supported: ['plain', 'S256'],
};

export interface ProviderFixtures {
  origin: string;
  clientId: string;
  /** The nonce the next ID token carries (the one of the authorization request under test). */
  nonce: string;
  /** Merged over the recorded claims of the next ID token (Microsoft, Apple). */
  nextClaims: Record<string, unknown>;
  /** GitHub's primary address and whether it is verified. */
  githubEmail: { email: string; verified: boolean };
  /** Every request, `METHOD /host/path`, with its headers and form. */
  seen: Array<{ at: string; headers: IncomingMessage['headers']; form: URLSearchParams }>;
  reroute(port: ProviderHttpPort): ProviderHttpPort;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export const startProviderFixtures = async (): Promise<ProviderFixtures> => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'recorded-1', alg: 'RS256', use: 'sig' }] };
  const idToken = async (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, nbf: now, exp: now + 3600, nonce: fixtures.nonce, ...claims, ...fixtures.nextClaims })
      .setProtectedHeader({ alg: 'RS256', kid: 'recorded-1', typ: 'JWT' }).sign(privateKey);
  };
  const answer = async (at: string, res: ServerResponse) => {
    const microsoft = /^(GET|POST) \/login\.microsoftonline\.com\/([^/]+)\/(.*)$/.exec(at);
    if (microsoft !== null && microsoft[3] === 'v2.0/.well-known/openid-configuration') return json(res, 200, microsoftDiscovery(microsoft[2]));
    if (microsoft !== null && microsoft[3] === 'discovery/v2.0/keys') return json(res, 200, jwks);
    if (microsoft !== null && microsoft[3] === 'oauth2/v2.0/token') {
      return json(res, 200, { token_type: 'Bearer', scope: 'openid profile email', expires_in: 3599, access_token: 'eyJ0eXAi.ms.access', id_token: await idToken(microsoftIdTokenClaims(fixtures.clientId)) });
    }
    switch (at) {
      case 'GET /gitlab.com/.well-known/openid-configuration': return json(res, 200, gitlabDiscovery);
      case 'POST /github.com/login/oauth/access_token':
        return json(res, 200, { access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', token_type: 'bearer', scope: 'read:user,user:email' });
      case 'GET /api.github.com/user': return json(res, 200, githubUser);
      case 'GET /api.github.com/user/emails': return json(res, 200, githubEmails(fixtures.githubEmail.email, fixtures.githubEmail.verified));
      case 'GET /appleid.apple.com/auth/keys': return json(res, 200, jwks);
      case 'POST /appleid.apple.com/auth/token':
        return json(res, 200, { access_token: 'a0b1c2.apple', token_type: 'Bearer', expires_in: 3600, refresh_token: 'r0b1c2', id_token: await idToken(appleIdTokenClaims(fixtures.clientId, 'jane@privaterelay.example')) });
      default: return json(res, 404, { message: 'Not Found' });
    }
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      const at = `${req.method} ${new URL(req.url ?? '/', origin).pathname}`;
      fixtures.seen.push({ at, headers: req.headers, form: new URLSearchParams(raw) });
      answer(at, res).catch(() => json(res, 500, {}));
    });
  });
  const moved = (url: string): string => {
    const target = new URL(url);
    return REROUTED_HOSTS.includes(target.host) && target.protocol === 'https:' ? `${origin}/${target.host}${target.pathname}${target.search}` : url;
  };
  const fixtures: ProviderFixtures = {
    origin, clientId: 'olympus-fixture-client', nonce: '', nextClaims: {}, githubEmail: { email: 'octocat@example.com', verified: true }, seen: [],
    reroute: (port) => ({ getJson: (url, headers) => port.getJson(moved(url), headers), postForm: (url, form, headers) => port.postForm(moved(url), form, headers) }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return fixtures;
};
