/**
 * Storage ports of the identity server, small and per feature; packages/storage implements them for
 * SQLite and PostgreSQL and one contract suite checks both.
 */
import type { CredentialType, Identity } from './identities/identity.ts';
import type { IdentityFieldFilter } from './identities/field-filter.ts';
import type { Session } from './sessions/session.ts';
import type { SelfServiceFlow } from './flows/flow.ts';
import type { CourierStore } from './courier/store.ts';
import type { ProtectionStore, SucceededAttempt } from './protection/store.ts';
import type { OneTimeCodeStore } from './codes/code.ts';
import type { SessionTokenExchangeStore } from './flows/token-exchange/store.ts';
import type { AcceptLogin, ChallengeOutcome, LoginRequest } from '@olympus/oauth2';

/**
 * What the identity server needs of the OAuth2 server (docs/architecture.md): the login request a
 * login flow serves, accepting it once the user signed in, and single-use claims for one-time codes.
 * apps/server implements it over @olympus/oauth2.
 */
export interface OAuth2Port {
  /**
   * The pending login request, typed, and as Hydra's JSON for the flow's `oauth2_login_request`
   * (Kratos shows it there; the HTTP edge makes the JSON). Throws the OAuth2 error (404, 410) otherwise.
   */
  getLoginRequest(challenge: string): Promise<{ request: LoginRequest; hydraJson: Record<string, unknown> }>;
  acceptLoginRequest(challenge: string, input: AcceptLogin): Promise<ChallengeOutcome>;
  /** True the first time `key` is claimed in `namespace`; false ever after (until `expiresAt`). */
  claimOnce(namespace: string, key: string, expiresAt: number): Promise<boolean>;
}

export type IdentityWrite =
  | { status: 'ok' }
  | { status: 'not_found' }
  /** Another identity already has this credential identifier (unique per credential type). */
  | { status: 'duplicate_identifier'; type: CredentialType; identifier: string };

export interface IdentityPage {
  limit: number;
  /** Keyset: identities after this id (ordered by id, UUIDv7-like ids sort by creation). */
  after?: string;
  credentialsIdentifier?: string;
  ids?: string[];
  /** Only identities whose string value at this trait or metadata path matches (identities/field-filter.ts). */
  field?: IdentityFieldFilter;
}

export interface IdentityStore {
  /** Atomic with its credential identifiers: a duplicate identifier writes nothing. */
  createIdentity(identity: Identity): Promise<IdentityWrite>;
  /** Credentials (with their config) are always loaded; the API decides what to show. */
  getIdentity(id: string): Promise<Identity | undefined>;
  findByCredentialIdentifier(type: CredentialType, identifier: string): Promise<Identity | undefined>;
  /** Replaces the identity and its identifiers atomically. */
  updateIdentity(identity: Identity): Promise<IdentityWrite>;
  deleteIdentity(id: string): Promise<boolean>;
  listIdentities(page: IdentityPage): Promise<Identity[]>;
  /** How many identities exist, in any state (Athena's home page). */
  countIdentities(): Promise<number>;
}

/** Keyset page over every session (admin list), ordered by (issued_at, id). */
export interface SessionPage {
  limit: number;
  /** Only active (true) or only inactive (false) sessions; undefined = both. */
  active?: boolean;
  after?: { issuedAt: number; id: string };
}

/** Which sessions a count takes; both filters together narrow it. */
export interface SessionCount {
  /** Only sessions active and unexpired at this time (epoch ms). */
  liveAt?: number;
  /** Only sessions issued at or after this time (epoch ms): one per sign-in, sign-up, recovery or step-up (sessions/issue.ts). */
  issuedSince?: number;
}

export interface SessionStore {
  /** `tokenHash` is the keyed hash of the session token (cookie value and X-Session-Token alike). */
  createSession(session: Session, tokenHash: string): Promise<void>;
  /**
   * createSession plus the update of the flow the session completes (SelfServiceFlowStore.updateFlow)
   * and, when given, the settlement of the login attempt that succeeded (ProtectionStore.settle with
   * 'success'), in one round trip on PostgreSQL: a login's last writes (docs/decisions/0002-hot-path-performance.md).
   * When it throws, the attempt is left unsettled (its caller settles it).
   */
  createSessionCompletingFlow(session: Session, tokenHash: string, flow: SelfServiceFlow, succeeded?: SucceededAttempt): Promise<void>;
  getSessionByTokenHash(tokenHash: string): Promise<Session | undefined>;
  getSession(id: string): Promise<Session | undefined>;
  updateSession(session: Session): Promise<void>;
  listSessionsOfIdentity(identityId: string, opts: { activeOnly: boolean; limit: number }): Promise<Session[]>;
  /** Every session (admin API), one keyset page. */
  listSessions(page: SessionPage): Promise<Session[]>;
  /** Deactivates one session; returns false when unknown. */
  revokeSession(id: string, now: number): Promise<boolean>;
  /** Deactivates every session of the identity but `exceptId`; returns how many. */
  revokeSessionsOfIdentity(identityId: string, exceptId: string | undefined, now: number): Promise<number>;
  /** How many sessions match (Athena's home page); revoked and expired ones count only under issuedSince alone. */
  countSessions(query: SessionCount): Promise<number>;
}

export interface SelfServiceFlowStore {
  createFlow(flow: SelfServiceFlow): Promise<void>;
  getFlow(id: string): Promise<SelfServiceFlow | undefined>;
  updateFlow(flow: SelfServiceFlow): Promise<void>;
}

export interface IdentityStorage {
  identities: IdentityStore;
  sessions: SessionStore;
  flows: SelfServiceFlowStore;
  courier: CourierStore;
  /** Brute-force and rate-limit counters (protection/). */
  protection: ProtectionStore;
  /** One-time codes of the recovery and verification flows. */
  codes: OneTimeCodeStore;
  /** Native apps' session-token exchanges (flows/token-exchange/store.ts). */
  tokenExchanges: SessionTokenExchangeStore;
}
