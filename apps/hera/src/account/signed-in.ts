/**
 * What the signed-in pages (home, devices) share: the identity session or a 303 to the login page
 * that comes back here, and a shell whose header carries the account navigation.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sealer } from '@olympus/crypto';
import type { CurrentSession, IdentityContext } from '@olympus/identity';
import { currentSession, type SafeHtml } from '@olympus/http';
import { issueFormToken } from '../form-token.ts';
import { seeOther } from '../send.ts';
import { shellFor, type Shell } from '../shell/shell.ts';
import { accountNav, type AccountPage } from './nav.ts';

/** Hera's login page, coming back to `path` (a path on the public origin) after the sign-in. */
export const loginComingBackTo = (identity: IdentityContext, path: string): string => {
  const url = new URL('/login', identity.config.serve.public.url);
  url.searchParams.set('return_to', new URL(path, identity.config.serve.public.url).toString());
  return url.pathname + url.search;
};

/** The live session, or undefined after answering with a 303 to the login page. */
export const sessionOrLogin = async (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply): Promise<CurrentSession | undefined> => {
  const current = await currentSession(identity, req);
  if (current === undefined) seeOther(reply, loginComingBackTo(identity, req.url));
  return current;
};

/** A shell whose `send` adds the account navigation (with a fresh sign-out token) to the header. */
export const accountShell = (req: FastifyRequest, reply: FastifyReply, identity: IdentityContext, sealer: Sealer, page?: AccountPage): Shell => {
  const shell = shellFor(req, identity.config);
  const nav: SafeHtml = accountNav(shell.t, issueFormToken(req, reply, identity.config, sealer, 'signout'), page);
  return { t: shell.t, send: (r, title, body, options = {}) => shell.send(r, title, body, { ...options, nav }) };
};
