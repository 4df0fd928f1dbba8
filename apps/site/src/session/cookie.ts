/**
 * The playground's session: ONE cookie `olympus_playground` sealed with AES-256-GCM under the purpose
 * `playground-session` (nothing stored on the server), HttpOnly, SameSite=Lax (so it comes back with the
 * authorization response, a top-level navigation), Path=/playground, Secure when the public URL is https,
 * 30 minutes (docs/decisions/0005-playground-relying-party.md).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';
import { readCookies, setCookies, type CookiePolicy } from '@olympus/http';
import { PLAYGROUND_PATH } from '../client.ts';
import type { PlaygroundSession } from './state.ts';

export const SESSION_COOKIE = 'olympus_playground';
const PURPOSE = 'playground-session';
export const SESSION_SECONDS = 30 * 60;

type Ctx = Pick<OAuth2Context, 'config' | 'sealer'>;

const policyOf = (ctx: Ctx): CookiePolicy => ({ secure: ctx.config.serve.public.url.startsWith('https:'), sameSite: 'Lax' });

/** The session this request carries, when its cookie opens (not tampered, not sealed for another purpose). */
export const readSession = (req: FastifyRequest, ctx: Ctx): PlaygroundSession | undefined => {
  const sealed = readCookies(req, policyOf(ctx))[SESSION_COOKIE];
  const opened = sealed ? ctx.sealer.open(sealed, PURPOSE) : undefined;
  if (opened === undefined) return undefined;
  try {
    const session = JSON.parse(opened) as PlaygroundSession;
    return typeof session.csrf === 'string' && typeof session.settings === 'object' ? session : undefined;
  } catch {
    return undefined;
  }
};

/** Seals the session into the cookie again; every write restarts its 30 minutes. */
export const writeSession = (reply: FastifyReply, ctx: Ctx, session: PlaygroundSession): void =>
  setCookies(reply, [{ name: SESSION_COOKIE, value: ctx.sealer.seal(JSON.stringify(session), PURPOSE), path: PLAYGROUND_PATH, maxAgeSeconds: SESSION_SECONDS }], policyOf(ctx));
