/**
 * CSRF tokens of Hera's own forms (consent, logout, session revocation, sign-out; docs/security.md
 * AS-21): what the form acts on (e.g. `consent:<challenge>`) and the browser's CSRF cookie secret
 * sealed together, so a form posted from elsewhere, for another object or from another browser is refused.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { constantTimeEqual, type Sealer } from '@olympus/crypto';
import { ensureCsrfSecret, readCsrfCookie } from '@olympus/http';

const PURPOSE = 'hera-form';

export const sealFormToken = (sealer: Sealer, subject: string, csrfSecret: string): string =>
  sealer.seal(JSON.stringify({ subject, csrfSecret }), PURPOSE);

export const formTokenMatches = (sealer: Sealer, token: string | undefined, subject: string, csrfSecret: string | undefined): boolean => {
  const opened = token && csrfSecret ? sealer.open(token, PURPOSE) : undefined;
  if (opened === undefined) return false;
  const sealed = JSON.parse(opened) as { subject: string; csrfSecret: string };
  return constantTimeEqual(sealed.subject, subject) && constantTimeEqual(sealed.csrfSecret, csrfSecret as string);
};

/** A token for a form about to be rendered; sets the CSRF cookie when the browser has none yet. */
export const issueFormToken = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig, sealer: Sealer, subject: string): string =>
  sealFormToken(sealer, subject, ensureCsrfSecret(req, reply, config));

/** Whether a posted form's `csrf_token` was issued for `subject` to this browser. */
export const postedFormTokenMatches = (req: FastifyRequest, config: OlympusConfig, sealer: Sealer, token: string | undefined, subject: string): boolean =>
  formTokenMatches(sealer, token, subject, readCsrfCookie(req, config));
