import type { ClientRedirect } from '../authorize/rejection.ts';
import { toDescriptionChars } from '../errors.ts';
import type { BrowserStep, CookieInstruction } from './instructions.ts';

/**
 * The authorization response to the client (RFC 6749 §4.1.2 success, §4.1.2.1 error), always with
 * `iss` (RFC 9207 §2), in the query or as a form post.
 */
export const respondToClient = (
  target: ClientRedirect,
  issuer: string,
  params: Record<string, string>,
  cookies: CookieInstruction[] = [],
): BrowserStep => {
  const fields: Record<string, string> = { ...params };
  if (target.state) fields.state = target.state;
  fields.iss = issuer;
  if (target.responseMode === 'form_post') return { kind: 'form_post', action: target.redirectUri, fields, cookies };
  const url = new URL(target.redirectUri);
  for (const [k, v] of Object.entries(fields)) url.searchParams.append(k, v);
  return { kind: 'redirect', location: url.toString(), cookies };
};

export const errorParams = (error: string, description: string, hint: string, exposeDebug: boolean): Record<string, string> => {
  const params: Record<string, string> = { error, error_description: toDescriptionChars(description) };
  if (exposeDebug && hint) params.error_hint = hint;
  return params;
};

export const errorParamsFor = (err: { error: string; description: string; hint: string }, exposeDebug: boolean): Record<string, string> =>
  errorParams(err.error, err.description, err.hint, exposeDebug);
