/**
 * The playground's calls to this server's endpoints (through http-exchange.ts): the token endpoint
 * (code and refresh grants, RFC 6749 §4.1.3 and §6), revocation (RFC 7009 §2.1) and userinfo (OIDC
 * Core §5.3.1), each authenticated as the client is registered to (RFC 6749 §2.3.1).
 */
import type { FastifyInstance } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';
import { basicAuthorization, callEndpoint, type HttpExchange } from '../http-exchange.ts';
import type { PlaygroundSession } from '../session/state.ts';
import { clientFacts } from './client-check.ts';

interface Authenticated {
  headers: Record<string, string>;
  form: Record<string, string>;
}

const authenticated = async (ctx: OAuth2Context, session: PlaygroundSession, form: Record<string, string>): Promise<Authenticated> => {
  const id = session.settings.client_id;
  const { authMethod } = await clientFacts(ctx, id);
  if (authMethod === 'client_secret_basic' && session.secret !== undefined) return { headers: { authorization: basicAuthorization(id, session.secret) }, form };
  if (authMethod === 'client_secret_post' && session.secret !== undefined) return { headers: {}, form: { ...form, client_id: id, client_secret: session.secret } };
  // A public client names itself (RFC 6749 §4.1.3 "client_id … if the client is not authenticating").
  return { headers: {}, form: { ...form, client_id: id } };
};

const publicUrlOf = (ctx: OAuth2Context): string => ctx.config.serve.public.url;

export const tokenRequest = async (app: FastifyInstance, ctx: OAuth2Context, session: PlaygroundSession, grant: Record<string, string>): Promise<HttpExchange> => {
  const { headers, form } = await authenticated(ctx, session, grant);
  return callEndpoint(app, publicUrlOf(ctx), { method: 'POST', path: '/oauth2/token', headers, form });
};

export const revokeRequest = async (app: FastifyInstance, ctx: OAuth2Context, session: PlaygroundSession, token: string, hint: 'access_token' | 'refresh_token'): Promise<HttpExchange> => {
  const { headers, form } = await authenticated(ctx, session, { token, token_type_hint: hint });
  return callEndpoint(app, publicUrlOf(ctx), { method: 'POST', path: '/oauth2/revoke', headers, form });
};

/** RFC 6750 §2.1: the access token as a Bearer credential. */
export const userinfoRequest = (app: FastifyInstance, ctx: OAuth2Context, accessToken: string): Promise<HttpExchange> =>
  callEndpoint(app, publicUrlOf(ctx), { method: 'GET', path: '/userinfo', headers: { authorization: `Bearer ${accessToken}` } });
