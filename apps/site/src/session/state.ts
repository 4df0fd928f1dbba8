/**
 * What the playground keeps of one browser's run (docs/playground.md): the settings, a confidential
 * client's secret, the pending authorization's state, nonce and PKCE verifier, and the tokens. It lives
 * only in the sealed cookie (cookie.ts), is shown only to that browser and is never logged.
 */
import { createHash } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import { defaultSettings, type Settings } from '../settings.ts';

export interface PendingAuthorization {
  state: string;
  nonce: string;
  verifier: string;
}

export interface HeldTokens {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
}

export interface PlaygroundSession {
  /** Every POST form carries it; compared in constant time (csrf.ts). */
  csrf: string;
  settings: Settings;
  /** A confidential client's secret: used at the token and revocation endpoints, never echoed back. */
  secret?: string;
  pending?: PendingAuthorization;
  tokens?: HeldTokens;
  /** The nonce the run's ID tokens must carry (OIDC Core §3.1.3.7 (11)), kept after the callback. */
  nonce?: string;
  /** The refresh token the last refresh replaced: spent, kept only for the replay demonstration. */
  spentRefreshToken?: string;
  /** The `state` sent with RP-initiated logout, checked when the browser comes back. */
  logoutState?: string;
}

export const newSession = (): PlaygroundSession => ({ csrf: randomToken(24), settings: defaultSettings() });

/** RFC 7636 §4.2: S256 challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * A new authorization: 256-bit state, nonce and verifier (RFC 7636 §7.1 asks for 256 bits of entropy;
 * 32 random bytes as base64url are 43 characters, inside §4.1's 43–128).
 */
export const newPendingAuthorization = (): PendingAuthorization => ({ state: randomToken(32), nonce: randomToken(32), verifier: randomToken(32) });
