/**
 * One-time codes of the recovery and verification flows (docs/security.md ID-16, ID-19): random,
 * stored only as a keyed hash, bound to one flow and one address, short-lived, single use, and a
 * flow accepts only a few submissions. The store makes the two races safe that matter: a code is
 * used at most once, and parallel guesses are each counted.
 */
export type CodeFlowKind = 'recovery' | 'verification';

export interface OneTimeCode {
  id: string;
  flowId: string;
  kind: CodeFlowKind;
  /** Whose code it is; '' for the stand-in of an unknown address, which can never match. */
  identityId: string;
  /** The normalised address the code was sent to; '' for a code an admin created. */
  address: string;
  /** Keyed hash of flow id and code (codes/secret.ts); the code itself is never stored. */
  codeHash: string;
  /** Epoch ms. */
  expiresAt: number;
  createdAt: number;
  /** When it was used or revoked; null while it may still be used. */
  usedAt: number | null;
}

export interface OneTimeCodeStore {
  createCode(code: OneTimeCode): Promise<void>;
  /** The codes of a flow that are neither used, revoked nor expired at `now`, newest first. */
  liveCodesOfFlow(flowId: string, now: number): Promise<OneTimeCode[]>;
  /** Marks a code used; true only for the one call that found it unused (single use under races). */
  useCode(id: string, now: number): Promise<boolean>;
  /** Revokes every unused code of a flow (a new code was sent, or the flow was given up); returns how many. */
  revokeCodesOfFlow(flowId: string, now: number): Promise<number>;
  /** Counts one code submission for the flow and returns the count including it, atomically. */
  countSubmission(flowId: string, now: number): Promise<number>;
}
