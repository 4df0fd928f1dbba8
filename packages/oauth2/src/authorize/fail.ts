import type { OAuth2Error } from '../errors.ts';
import { AuthorizeRejected } from './rejection.ts';
import type { AuthorizeState } from './request-state.ts';

/** Rejects the request back to the client's (already trusted) redirect URI. */
export const fail = (state: AuthorizeState, error: OAuth2Error): never => {
  throw new AuthorizeRejected(error, state.redirect ?? null);
};
