import type { RejectRequest } from '../flows/flow.ts';
import { optString } from './body.ts';

/** Hydra's RejectOAuth2Request, with its default error `request_denied`. */
export const rejectionOf = (body: Record<string, unknown>): RejectRequest => {
  const status = body.status_code;
  return {
    error: optString(body, 'error') || 'request_denied',
    error_description: optString(body, 'error_description') || 'The resource owner or authorization server denied the request.',
    error_hint: optString(body, 'error_hint'),
    error_debug: optString(body, 'error_debug'),
    status_code: typeof status === 'number' && status >= 400 && status < 600 ? status : 400,
  };
};
