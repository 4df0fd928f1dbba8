/**
 * Every console page runs behind this guard, on every request: a live Athena session whose OAuth2
 * authentication session still stands, an active identity, a role in its metadata_admin (so a revoked
 * role counts at once), the level athena.required_aal asks for, the page's permission, and on a POST
 * the session's CSRF token (docs/security.md AS-49). Whatever fails, the browser is told what and why.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '@olympus/crypto';
import { html, type HttpDeps } from '@olympus/http';
import { adminRoleOf, can, findIdentity, hasSecondFactor, type AdminRole, type Identity, type Permission } from '@olympus/identity';
import { isAuthSessionLive } from '@olympus/oauth2';
import { identityLabel } from '../pages/identities/label.ts';
import { pageFor, type Page } from '../shell.ts';
import { clearSession, readSession, writeSession, type AthenaSession } from './cookie.ts';

export interface Admin {
  identity: Identity;
  /** How the header and the audit log name the administrator: the email, else the identity id. */
  label: string;
  role: AdminRole;
  session: AthenaSession;
  page: Page;
}

export type AdminHandler = (req: FastifyRequest, reply: FastifyReply, admin: Admin) => Promise<FastifyReply>;

const toSignIn = (req: FastifyRequest, reply: FastifyReply, aal?: 'aal2'): FastifyReply => {
  const params = new URLSearchParams({ return_to: req.method === 'GET' ? req.url : '/' });
  if (aal) params.set('aal', aal);
  return reply.code(303).header('location', `/sign-in?${params}`).send();
};

const forbidden = (page: Page, reply: FastifyReply, message: string): FastifyReply =>
  page.send(reply, page.t.t('forbidden.title'), html`<h1>${page.t.t('forbidden.title')}</h1>\n<div role="alert"><p>${message}</p></div>`, 403);

const postedCsrf = (req: FastifyRequest): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.csrf_token;
  return typeof value === 'string' ? value : '';
};

export const csrfMatches = (req: FastifyRequest, session: AthenaSession): boolean => {
  const posted = postedCsrf(req);
  return posted !== '' && constantTimeEqual(posted, session.csrf);
};

/** The page for an administrator who must first set up a second factor (athena.required_aal: aal2). */
const secondFactorFirst = (page: Page, reply: FastifyReply, settingsUrl: string): FastifyReply =>
  page.send(reply, page.t.t('aal.title'), html`<h1>${page.t.t('aal.title')}</h1>
<div role="alert"><p>${page.t.t('aal.setup')}</p></div>
<p><a class="button" href="${settingsUrl}">${page.t.t('aal.setup_link')}</a></p>`, 403);

/** `permission`: what the page needs beyond holding a role (null: any role, e.g. the home page). */
export const adminPage = ({ ctx, identity: identities }: HttpDeps, permission: Permission | null, handler: AdminHandler) =>
  async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { config } = ctx;
    const session = readSession(req, config, ctx.sealer, ctx.now());
    if (session === undefined || identities === undefined || !(await isAuthSessionLive(ctx, session.sid))) return toSignIn(req, reply);
    const identity = await findIdentity(identities, session.subject);
    if (identity === undefined || identity.state !== 'active') {
      clearSession(reply, config);
      return toSignIn(req, reply);
    }
    const role = adminRoleOf(identity);
    const who = role && { label: identityLabel(identity), role, csrf: session.csrf };
    const page = pageFor(req, who);
    if (role === undefined) return forbidden(page, reply, page.t.t('forbidden.no_role', { who: identityLabel(identity) }));
    if (config.athena.requiredAal === 'aal2' && session.acr !== 'aal2') {
      if (hasSecondFactor(identity)) return toSignIn(req, reply, 'aal2');
      return secondFactorFirst(page, reply, new URL('/settings', config.serve.public.url).toString());
    }
    if (permission !== null && !can(role, permission)) return forbidden(page, reply, page.t.t('forbidden.permission', { role: page.t.t(`role.${role}`), permission }));
    if (req.method === 'POST' && !csrfMatches(req, session)) return forbidden(page, reply, page.t.t('forbidden.csrf'));
    writeSession(reply, config, ctx.sealer, { ...session, seenAt: ctx.now() });
    return handler(req, reply, { identity, label: identityLabel(identity), role, session, page });
  };
