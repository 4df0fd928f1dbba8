/**
 * A provider's dry run from the console (docs/operations/social-sign-in.md, "Testing a provider from
 * Athena"): the start sends the administrator to the provider with the record sealed in a cookie bound
 * to this console session (cookie.ts); the callback, reached from the provider's site without the
 * SameSite=Strict session cookie, answers a page that moves on to the result on this origin, where the
 * session is checked and the core (packages/identity/src/strategies/oidc/dry-run.ts) finishes the round
 * trip. Nothing is persisted.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { completeDryRun, failedStart, oidcProviders, startDryRun, type IdentityContext, type OidcProvider } from '@olympus/identity';
import { pageFor } from '../../shell.ts';
import type { Admin } from '../../session/guard.ts';
import { queryParam } from '../lists.ts';
import { DRY_RUN_SECONDS, takeDryRunCookie, writeDryRunCookie } from './cookie.ts';
import { dryRunCallbackPath, dryRunCallbackUrl, dryRunResultPath } from './paths.ts';
import { dryRunResultBody } from './result.ts';

/**
 * The provider's answer (RFC 6749 §4.1.2 and §4.1.2.1) passed on from the callback to the result, with
 * Apple's `user` (the name, sent on the first authorization only: packages/identity/src/strategies/oidc/apple.ts).
 */
const ANSWER = ['code', 'state', 'error', 'error_description', 'user'] as const;

const providerOf = (deps: HttpDeps, req: FastifyRequest): OidcProvider | undefined =>
  oidcProviders(deps.ctx.config).find((p) => p.id === (req.params as { id: string }).id);

const unknownProvider = (req: FastifyRequest, reply: FastifyReply, admin: Admin): FastifyReply => {
  const { t } = admin.page;
  return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1>
<div role="alert"><p>${t.t('dryrun.unknown', { id: (req.params as { id: string }).id })}</p></div>`, 404);
};

export const startProviderDryRun = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const provider = providerOf(deps, req);
  if (provider === undefined) return unknownProvider(req, reply, admin);
  const { ctx } = deps;
  const identity = deps.identity as IdentityContext;
  try {
    const { to, record } = await startDryRun(identity, provider, dryRunCallbackUrl(ctx.config, provider.id), admin.session.csrf, ctx.now() + DRY_RUN_SECONDS * 1000);
    writeDryRunCookie(reply, ctx.config, ctx.sealer, record);
    req.log.info({ provider: provider.id, admin: admin.identity.id }, 'provider dry run sent to the provider');
    return reply.code(303).header('location', to).send();
  } catch (err) {
    const { t } = admin.page;
    return admin.page.send(reply, t.t('dryrun.title', { label: provider.label }), dryRunResultBody(t, provider, failedStart(provider, err)), 502);
  }
};

/**
 * Apple's form_post answer (OAuth 2.0 Form Post Response Mode §2) comes as a cross-site POST, which brings
 * no SameSite cookie at all: a 303 to the GET callback with its fields in the query, as the sign-in
 * callback does (packages/http/src/identity/oidc-callback.ts). Nothing is checked or kept here.
 */
export const dryRunFormPost = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const { id } = req.params as { id: string };
  const fields = (req.body ?? {}) as Record<string, unknown>;
  const query = new URLSearchParams(ANSWER.flatMap((name) => (typeof fields[name] === 'string' && fields[name] !== '' ? [[name, fields[name] as string]] : [])));
  return reply.code(303).header('cache-control', 'no-store').header('location', `${dryRunCallbackPath(id)}?${query}`).send();
};

/** No session check here: the provider's redirect carries no SameSite=Strict cookie; the result page checks it. */
export const dryRunCallback = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const { id } = req.params as { id: string };
  const answer = new URLSearchParams(ANSWER.flatMap((name) => (queryParam(req, name) === '' ? [] : [[name, queryParam(req, name)]])));
  const next = `${dryRunResultPath(id)}?${answer}`;
  const page = pageFor(req);
  // A navigation this origin starts, so the console's Strict session cookie comes along (as session/sign-in.ts does).
  reply.header('refresh', `0; url=${next}`);
  return page.send(reply, page.t.t('dryrun.continue.title'), html`<h1>${page.t.t('dryrun.continue.title')}</h1>
<p><a class="button" href="${next}">${page.t.t('dryrun.continue')}</a></p>`);
};

export const showDryRunResult = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const provider = providerOf(deps, req);
  if (provider === undefined) return unknownProvider(req, reply, admin);
  const { ctx } = deps;
  const record = takeDryRunCookie(req, reply, ctx.config, ctx.sealer, provider.id);
  const params = Object.fromEntries(ANSWER.map((name) => [name, queryParam(req, name) || undefined]));
  const result = await completeDryRun(deps.identity as IdentityContext, provider, record, admin.session.csrf, params);
  req.log.info({ provider: provider.id, admin: admin.identity.id, failed_step: result.failure?.step, error_id: result.failure?.errorId }, 'provider dry run finished; nothing stored');
  const { t } = admin.page;
  return admin.page.send(reply, t.t('dryrun.title', { label: provider.label }), dryRunResultBody(t, provider, result, params.user), result.failure === undefined ? 200 : 400);
};
