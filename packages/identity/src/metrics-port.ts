/**
 * What the identity core counts for the operator's metrics (docs/operations/observability.md). The
 * composition root implements it over Prometheus counters; the core calls it synchronously, once per
 * decision. Every label value comes from a fixed set, so a crafted form cannot grow the series.
 */
import type { CredentialType } from './identities/identity.ts';

export type LoginOutcome = 'success' | 'refused' | 'locked_out';
/** A credential type, or `other` for a `method` no strategy knows. */
export type LoginMethodLabel = CredentialType | 'other';

export interface IdentityMetrics {
  /** A submission to a login flow was decided (flows/login/submit.ts). */
  loginSubmitted(method: LoginMethodLabel, outcome: LoginOutcome): void;
  /** A subject or an IP reached its failure limit and is locked out (protection/login-guard.ts). */
  lockoutStarted(scope: 'subject' | 'ip'): void;
  /** The courier handed a message to SMTP, or failed to (`abandoned` when it will not retry). */
  courierSent(): void;
  courierSendFailed(abandoned: boolean): void;
}

const CREDENTIAL_TYPES: ReadonlySet<string> = new Set<CredentialType>(['password', 'totp', 'lookup_secret', 'webauthn', 'passkey', 'code', 'oidc']);

export const loginMethodLabel = (method: string): LoginMethodLabel =>
  CREDENTIAL_TYPES.has(method) ? (method as CredentialType) : 'other';
