/**
 * The client credentials grant (RFC 6749 §4.4) as the playground sends it to this server's token
 * endpoint, authenticated the way the form chose (RFC 6749 §2.3.1): client_secret_basic (the
 * default, which servers MUST support) or client_secret_post.
 */
import type { FastifyInstance } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';
import { basicAuthorization, callEndpoint, type HttpExchange } from '../http-exchange.ts';

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** What the form sends; the secret is used for this one call and kept nowhere. */
export interface CredentialsForm {
  clientId: string;
  secret: string;
  scope: string;
  audience: string;
  method: AuthMethod;
}

const field = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

export const credentialsFormOf = (body: Record<string, unknown>): CredentialsForm => ({
  clientId: field(body, 'client_id'),
  secret: typeof body.client_secret === 'string' ? body.client_secret : '',
  scope: field(body, 'scope'),
  audience: field(body, 'audience'),
  method: AUTH_METHODS.find((m) => m === body.auth_method) ?? 'client_secret_basic',
});

export const requestClientCredentials = (app: FastifyInstance, ctx: OAuth2Context, form: CredentialsForm): Promise<HttpExchange> => {
  const grant: Record<string, string> = {
    grant_type: 'client_credentials',
    ...(form.scope === '' ? {} : { scope: form.scope }),
    // Hydra's `audience` parameter: space-delimited, like scope.
    ...(form.audience === '' ? {} : { audience: form.audience }),
  };
  const basic = form.method === 'client_secret_basic';
  return callEndpoint(app, ctx.config.serve.public.url, {
    method: 'POST',
    path: '/oauth2/token',
    headers: basic ? { authorization: basicAuthorization(form.clientId, form.secret) } : {},
    form: basic ? grant : { ...grant, client_id: form.clientId, client_secret: form.secret },
  });
};
