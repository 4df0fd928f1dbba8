/**
 * A Fastify app with the lead's form parser and error rendering plus the token-side routes, wired to
 * the in-memory fakes of packages/oauth2/test/tokens-fakes.ts. Route tests use it with inject().
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerErrorHandling } from '../src/errors.ts';
import { useRouteSchemas } from '../src/openapi/validation.ts';
import { registerFormBody } from '../src/form-body.ts';
import { registerIntrospectRoutes } from '../src/admin/introspect.ts';
import { registerRevokeRoutes } from '../src/public/revoke.ts';
import { registerTokenRoutes } from '../src/public/token.ts';
import { registerUserinfoRoutes } from '../src/public/userinfo.ts';
import type { HttpDeps } from '../src/deps.ts';
import { basic, makeHarness, REDIRECT_URI, seedCode, type Harness } from '../../oauth2/test/tokens-fakes.ts';

export const SECRET = 'route-secret-0123456789';

export interface TokenSideApp {
  app: FastifyInstance;
  h: Harness;
  /** Runs the authorization code exchange over HTTP and returns the token response. */
  codeExchange(clientId?: string): Promise<Record<string, string>>;
}

/** `logger`: where the app's request logs go (none by default). */
export const tokenSideApp = async (logger?: FastifyBaseLogger): Promise<TokenSideApp> => {
  const h = await makeHarness();
  await h.clients.add({ client_id: 'web', grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], scope: 'openid offline_access email' }, SECRET);
  await h.clients.add({ client_id: 'other', grant_types: ['authorization_code', 'refresh_token'] }, SECRET);
  const app = (logger === undefined ? Fastify() : Fastify({ loggerInstance: logger })) as unknown as FastifyInstance;
  // As buildPublicApp/buildAdminApp do: route schemas validate without changing requests or re-serializing answers.
  useRouteSchemas(app);
  registerFormBody(app);
  registerErrorHandling(app, { exposeDebug: true, docsBaseUrl: 'https://auth.example' });
  const deps: HttpDeps = { ctx: h.ctx, version: 'test', isReady: async () => true };
  for (const register of [registerTokenRoutes, registerRevokeRoutes, registerUserinfoRoutes, registerIntrospectRoutes]) register(app, deps);
  await app.ready();

  const codeExchange = async (clientId = 'web') => {
    const seeded = await seedCode(h, clientId);
    const res = await app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: basic(clientId, SECRET), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }).toString(),
    });
    if (res.statusCode !== 200) throw new Error(`code exchange failed: ${res.body}`);
    return res.json() as Record<string, string>;
  };
  return { app, h, codeExchange };
};

export const form = (params: Record<string, string>): string => new URLSearchParams(params).toString();
export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' };
