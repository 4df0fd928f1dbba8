import type { RejectRequest } from '../flows/flow.ts';
import type { Rejection } from './requests.ts';

/** The stored rejection, with Hydra's defaults: error `request_denied`, status 400. */
export const rejectionOf = (input: Rejection): RejectRequest => {
  const status = input.statusCode;
  return {
    error: input.error || 'request_denied',
    error_description: input.errorDescription || 'The resource owner or authorization server denied the request.',
    error_hint: input.errorHint ?? '',
    error_debug: input.errorDebug ?? '',
    status_code: status !== undefined && Number.isInteger(status) && status >= 400 && status < 600 ? status : 400,
  };
};
