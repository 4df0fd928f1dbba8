/**
 * A logout request travels sealed inside its challenge (AES-GCM under the system secret): nothing
 * to store for a short-lived step, and tampering is detected (docs/architecture.md §6).
 */
export interface LogoutRequest {
  id: string;
  subject: string;
  sid: string;
  clientId: string;
  postLogoutRedirectUri: string;
  state: string;
  rpInitiated: boolean;
  /** Whether the relying party sent an id_token_hint, for the flow tracer; absent in older challenges. */
  idTokenHintPresent?: boolean;
  requestUrl: string;
  requestedAt: number;
  expiresAt: number;
}

export const LOGOUT_CHALLENGE_PURPOSE = 'oauth2:logout-challenge';
export const LOGOUT_VERIFIER_PURPOSE = 'oauth2:logout-verifier';
