/**
 * The documented refusals an HTTP property accepts: OAuth2's `{error, error_description}` with the
 * status its code has (RFC 6749 §5.2; packages/oauth2/src/errors.ts), or Kratos' envelope
 * `{error: {code, id, message, reason}}` whose code is the status (docs/compatibility.md §2.4).
 * A body too large is 413 and one of another media type 415, in either envelope (AS-45).
 */
import { OAUTH2_ERROR_CODES } from '../../../packages/oauth2/src/errors.ts';

type Json = Record<string, any>;

/** The HTTP status each OAuth2 error code is sent with; the rest are 400. */
const OAUTH2_STATUS: Record<string, number[]> = {
  invalid_request: [400, 413, 415], invalid_client: [401], invalid_token: [401], access_denied: [403], request_denied: [403],
  insufficient_scope: [403], request_forbidden: [403], not_found: [404], conflict: [409], request_handled: [410], request_expired: [410],
  server_error: [], temporarily_unavailable: [],
};

export const isOAuth2Refusal = (status: number, body: Json | undefined): boolean =>
  body !== undefined && (OAUTH2_ERROR_CODES as readonly string[]).includes(body.error) && typeof body.error_description === 'string' &&
  (OAUTH2_STATUS[body.error] ?? [400]).includes(status);

export const isKratosRefusal = (status: number, body: Json | undefined): boolean =>
  body !== undefined && typeof body.error === 'object' && body.error !== null && body.error.code === status &&
  typeof body.error.id === 'string' && typeof body.error.message === 'string' && typeof body.error.reason === 'string';

/** The JSON body of a response, or undefined when it is not JSON. */
export const jsonOf = async (res: Response): Promise<Json | undefined> => {
  const text = await res.text();
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
};
