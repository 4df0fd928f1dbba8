/**
 * CSRF protection of the playground's POST forms: a random value in the sealed session, sent back in
 * a hidden field and compared in constant time (docs/security.md AS-28). A page elsewhere can neither
 * read the value nor, with SameSite=Lax, send the cookie along with a cross-site POST.
 */
import type { FastifyRequest } from 'fastify';
import { constantTimeEqual } from '@olympus/crypto';
import { html, type SafeHtml } from '@olympus/http';
import type { PlaygroundSession } from './state.ts';

export const CSRF_FIELD = 'csrf_token';

export const csrfField = (session: PlaygroundSession): SafeHtml => html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrf}">`;

/** The posted form's fields (parsed by @olympus/http's form parser). */
export const formOf = (req: FastifyRequest): Record<string, string> =>
  req.body !== null && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};

export const csrfMatches = (req: FastifyRequest, session: PlaygroundSession): boolean => {
  const posted = formOf(req)[CSRF_FIELD];
  return typeof posted === 'string' && constantTimeEqual(posted, session.csrf);
};
