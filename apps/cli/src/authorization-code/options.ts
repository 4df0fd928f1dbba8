/** What `performAuthorizationCode` needs; the command builds it from flags. */
import type { JWTPayload } from 'jose';
import type { TokenResponse } from '../tokens/token-view.ts';

export interface AuthorizationCodeOptions {
  clientId: string;
  /** With a secret the code is exchanged with client_secret_basic; without, as a public client. */
  clientSecret?: string;
  scope: readonly string[];
  audience?: readonly string[];
  prompt?: readonly string[];
  maxAge?: number;
  /** Port of the local callback server; 0 picks a free one. */
  port: number;
  /** Redirect URI sent to the server; default `http://127.0.0.1:<port>/callback`. */
  redirectUri?: string;
  authUrl: string;
  tokenUrl: string;
  /** Fixed state instead of a random one (hydra's `--state`, for debugging only). */
  state?: string;
  /** Extra headers for the token request (`-H`). */
  headers?: Headers;
  signal?: AbortSignal;
}

export interface AuthorizationCodeIo {
  /** Called once the callback server listens, with the URL the user must open. */
  onAuthorizationUrl(url: string, redirectUri: string): void;
}

export interface AuthorizationCodeResult {
  tokens: TokenResponse;
  /** Decoded ID token payload (nonce checked; signature not verified). */
  idTokenClaims?: JWTPayload;
}
