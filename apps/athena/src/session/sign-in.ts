/**
 * Signing in to Athena is an OAuth2 authorization of its own first-party client (client.ts): PKCE S256,
 * state and nonce kept in a short-lived sealed cookie on the admin origin (SameSite=Lax, so it survives
 * the way back from the public origin), the login through Hera, the code exchanged in-process by the
 * same token endpoint code every client uses — no HTTP round trip to itself.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { randomToken } from '@olympus/crypto';
import { html, readCookies, setCookies, type HttpDeps, pageSchema } from '@olympus/http';
import { handleTokenRequest, OAuth2Error, type OAuth2Context } from '@olympus/oauth2';
import { ATHENA_CLIENT_ID, callbackUrlOf } from '../client.ts';
import { queryParam } from '../pages/lists.ts';
import { pageFor } from '../shell.ts';
import { clearSession, readSession, writeSession } from './cookie.ts';
import { csrfMatches } from './guard.ts';

const PENDING_COOKIE = 'athena_signin';
const PENDING_PURPOSE = 'athena:sign-in';
/** Long enough for a password and a second factor; the OAuth2 request's own TTL bounds it too. */
const PENDING_SECONDS = 15 * 60;

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** Only a path of this console: never an open redirect (RFC 9700 §4.11). */
export const safeReturnTo = (value: unknown): string =>
  typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && !value.startsWith('/sign-') ? value : '/';

const lax = (ctx: OAuth2Context) => ({ secure: ctx.config.serve.cookies.secure, sameSite: 'Lax' as const });

const startSignIn = (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
  const pending: Pending = { state: randomToken(24), nonce: randomToken(24), verifier: randomToken(32), returnTo: safeReturnTo(queryParam(req, 'return_to')) };
  const authorize = new URL('/oauth2/auth', ctx.config.serve.public.url);
  authorize.search = new URLSearchParams({
    client_id: ATHENA_CLIENT_ID, response_type: 'code', redirect_uri: callbackUrlOf(ctx.config), scope: 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
    // With athena.required_aal aal2 the login asks for the second factor of an identity that has one
    // (Olympus' AAL rule); one without is signed in at aal1 and the guard sends it to set one up.
    code_challenge_method: 'S256', ...(ctx.config.athena.requiredAal === 'aal2' || queryParam(req, 'aal') === 'aal2' ? { acr_values: 'aal2' } : {}),
  }).toString();
  setCookies(reply, [{ name: PENDING_COOKIE, value: ctx.sealer.seal(JSON.stringify(pending), PENDING_PURPOSE), path: '/sign-in', maxAgeSeconds: PENDING_SECONDS }], lax(ctx));
  return reply.code(303).header('location', authorize.toString()).send();
};

const failed = (req: FastifyRequest, reply: FastifyReply, reason: string): FastifyReply => {
  const page = pageFor(req);
  req.log.info({ reason }, 'Athena sign-in failed');
  return page.send(reply, page.t.t('signin.failed.title'), html`<h1>${page.t.t('signin.failed.title')}</h1>
<div role="alert"><p>${page.t.t('signin.failed.text', { reason })}</p></div>
<p><a href="/sign-in">${page.t.t('signin.again')}</a></p>`, 400);
};

const exchange = async (ctx: OAuth2Context, req: FastifyRequest, code: string, pending: Pending) => {
  const tokens = await handleTokenRequest(ctx, {
    params: { grant_type: 'authorization_code', code, redirect_uri: callbackUrlOf(ctx.config), client_id: ATHENA_CLIENT_ID, code_verifier: pending.verifier },
    authorization: undefined,
    requestId: String(req.id),
  });
  // Issued by this very process a moment ago: decoding is enough; the nonce ties it to this sign-in.
  const claims = decodeJwt(tokens.id_token ?? '');
  if (claims.nonce !== pending.nonce) throw new Error('the ID token does not carry this sign-in\'s nonce');
  return { subject: String(claims.sub), sid: String(claims.sid ?? ''), acr: String(claims.acr ?? 'aal1') };
};

const finishSignIn = async (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const sealed = readCookies(req, lax(ctx))[PENDING_COOKIE];
  const opened = sealed ? ctx.sealer.open(sealed, PENDING_PURPOSE) : undefined;
  setCookies(reply, [{ name: PENDING_COOKIE, value: '', path: '/sign-in', maxAgeSeconds: 0 }], lax(ctx));
  if (opened === undefined) return failed(req, reply, 'this browser did not start the sign-in, or it took longer than 15 minutes');
  const pending = JSON.parse(opened) as Pending;
  if (queryParam(req, 'state') !== pending.state) return failed(req, reply, 'the state does not match this browser\'s sign-in');
  const error = queryParam(req, 'error');
  if (error) return failed(req, reply, `${error}: ${queryParam(req, 'error_description')}`);
  const code = queryParam(req, 'code');
  if (!code) return failed(req, reply, 'the callback carries no code');
  try {
    const who = await exchange(ctx, req, code, pending);
    const now = ctx.now();
    writeSession(reply, ctx.config, ctx.sealer, { ...who, csrf: randomToken(24), createdAt: now, seenAt: now });
  } catch (err) {
    return failed(req, reply, err instanceof OAuth2Error ? err.description : (err as Error).message);
  }
  // A page rather than a redirect: the Strict session cookie is sent only on a navigation this origin starts.
  const page = pageFor(req);
  reply.header('refresh', `0; url=${pending.returnTo}`);
  return page.send(reply, page.t.t('signin.title'), html`<h1>${page.t.t('signin.done')}</h1>
<p><a class="button" href="${pending.returnTo}">${page.t.t('signin.continue')}</a></p>`);
};

export const registerSignIn = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.get('/sign-in', { schema: pageSchema({ summary: 'Console sign-in (through Olympus itself)', tag: 'athena' }) }, async (req, reply) => startSignIn(ctx, req, reply));
  app.get('/sign-in/callback', { schema: pageSchema({ summary: 'Console sign-in callback', tag: 'athena', query: { code: 'Authorization code', state: 'State', iss: 'Issuer' } }) }, async (req, reply) => finishSignIn(ctx, req, reply));
  app.get('/signed-out', { schema: pageSchema({ summary: 'Signed out of the console', tag: 'athena' }) }, async (req, reply) => {
    const page = pageFor(req);
    return page.send(reply, page.t.t('signedout.title'), html`<h1>${page.t.t('signedout.title')}</h1>
<div role="status"><p>${page.t.t('signedout.text')}</p></div><p><a href="/sign-in">${page.t.t('signin.again')}</a></p>`);
  });
  app.post('/sign-out', { schema: pageSchema({ summary: 'Sign out of the console', tag: 'athena' }) }, async (req, reply) => {
    const session = readSession(req, ctx.config, ctx.sealer, ctx.now());
    if (session !== undefined && !csrfMatches(req, session)) {
      const page = pageFor(req);
      return page.send(reply, page.t.t('forbidden.title'), html`<h1>${page.t.t('forbidden.title')}</h1>\n<div role="alert"><p>${page.t.t('forbidden.csrf')}</p></div>`, 403);
    }
    clearSession(reply, ctx.config);
    return reply.code(303).header('location', '/signed-out').send();
  });
};
