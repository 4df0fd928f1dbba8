import type { Identity } from '../identities/identity.ts';
import type { StrategyRedirect } from '../strategies/strategy.ts';
import type { ContinueWith } from './continue-with.ts';
import type { IssuedSession } from '../sessions/issue.ts';
import type { SelfServiceFlow } from './flow.ts';
import type { RequestFacts } from './request-facts.ts';

/**
 * What a submission ends in, for the HTTP layer to answer per docs/compatibility.md §2.4: the flow again with
 * its messages (400 / 303 to the UI), or success with a new session and where the browser goes next.
 */
export type SubmitOutcome =
  | { kind: 'invalid'; flow: SelfServiceFlow }
  /** The method continues at another site (oidc): browsers get 303, JSON and native clients 422 browser_location_change_required. */
  | { kind: 'redirect'; flow: SelfServiceFlow; redirect: StrategyRedirect }
  | {
      kind: 'success';
      flow: SelfServiceFlow;
      identity: Identity;
      issued: IssuedSession;
      /** Where a browser continues: the OAuth2 flow's redirect_to, else return_to, else the default. */
      redirectTo: string;
      /** True when redirectTo continues an OAuth2 authorization (SPAs then get 422, not 200). */
      continuesOAuth2: boolean;
      /** Further steps for the client, e.g. show_verification_ui after a registration. */
      continueWith?: ContinueWith[];
    };

/** Evidence from the HTTP layer that the core needs to judge a submission. */
export interface SubmitRequest {
  /** Browser flows: the olympus_csrf cookie and the submitted csrf_token. */
  csrfCookie?: string;
  csrfToken?: string;
  /** The secret a successor flow is bound to when this one expired (the cookie, or a new one). */
  csrfSecret?: string;
  device: { ipAddress: string; userAgent: string };
  /** The request id and the request facts the flow tracer records (request-facts.ts). */
  request?: RequestFacts;
  /**
   * The flow as the HTTP layer already read it in this request (to choose how to answer), so the
   * submission does not read it a second time (docs/decisions/0002-hot-path-performance.md). The
   * core still checks its kind, expiry, CSRF token and state; nothing is kept across requests.
   */
  flow?: SelfServiceFlow;
}
