import type { Aal } from '../sessions/session.ts';
import type { UiContainer } from '../ui/node.ts';
import type { LoginRequest } from '@olympus/oauth2';

export type FlowKind = 'login' | 'registration' | 'settings' | 'recovery' | 'verification';
/** `browser`: cookies and CSRF; `api`: native apps, session token, no CSRF (Kratos' two flow types). */
export type FlowType = 'browser' | 'api';

/**
 * A self-service flow as stored. `toWire` (flows/wire.ts) gives Kratos' JSON shape; `internal`
 * never leaves the server (CSRF token, attempt counters, the pending session of a step-up).
 */
export interface SelfServiceFlow {
  id: string;
  kind: FlowKind;
  type: FlowType;
  /** Epoch ms. */
  expiresAt: number;
  issuedAt: number;
  requestUrl: string;
  returnTo: string;
  /** login/registration/recovery/verification: choose_method | sent_email | passed_challenge; settings: show_form | success. */
  state: string;
  ui: UiContainer;
  /** Login: re-authentication requested (privileged session). */
  refresh: boolean;
  requestedAal: Aal;
  /** The method used last, e.g. "password". */
  active: string;
  /** The OAuth2 login challenge this flow serves (Hydra integration), '' if none. */
  oauth2LoginChallenge: string;
  /** Settings flows (and step-up logins) belong to an identity. */
  identityId: string;
  internal: {
    csrfToken: string;
    /** Failed submissions of codes (recovery/verification/TOTP) in this flow. */
    attempts: number;
    /** The OAuth2 login request the flow serves, typed, as read when the flow started (oauth2-request.ts). */
    oauth2Request?: LoginRequest;
    [key: string]: unknown;
  };
}
