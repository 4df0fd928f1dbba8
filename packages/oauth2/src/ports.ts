/**
 * Storage ports of the authorization server, small and per feature. Adapters in
 * packages/storage implement them for SQLite and PostgreSQL and pass one contract suite.
 * Every "consume" is atomic across concurrent requests and across processes.
 */
import type { StoredClient } from './clients/client.ts';
import type { Flow, FlowState } from './flows/flow.ts';
import type {
  AccessTokenRecord,
  AuthenticationSession,
  AuthorizationCodeRecord,
  Consumed,
  RefreshTokenRecord,
} from './tokens/records.ts';

export interface ClientPage {
  /** Keyset position: clients after (createdAt, id) in that order. */
  after?: { createdAt: string; id: string };
  limit: number;
  clientName?: string;
  owner?: string;
}

export interface ClientStore {
  /** Returns false when the id is taken. */
  createClient(client: StoredClient): Promise<boolean>;
  getClient(id: string): Promise<StoredClient | undefined>;
  /** Returns false when no such client exists. */
  updateClient(client: StoredClient): Promise<boolean>;
  deleteClient(id: string): Promise<boolean>;
  /** Ordered by created_at, then client_id. */
  listClients(page: ClientPage): Promise<StoredClient[]>;
  /** How many clients exist (Athena's home page). */
  countClients(): Promise<number>;
}

export interface FlowStore {
  createFlow(flow: Flow): Promise<void>;
  getFlow(id: string): Promise<Flow | undefined>;
  getFlowByLoginChallenge(challenge: string): Promise<Flow | undefined>;
  getFlowByLoginVerifier(verifier: string): Promise<Flow | undefined>;
  getFlowByConsentChallenge(challenge: string): Promise<Flow | undefined>;
  getFlowByConsentVerifier(verifier: string): Promise<Flow | undefined>;
  /**
   * Compare-and-set: writes `flow` only if the stored state is still `expected`.
   * This is what makes accepting a challenge or redeeming a verifier single-use. With `previous`, the
   * flow as the caller read it in state `expected`, only the columns that differ from it are written.
   */
  updateFlow(flow: Flow, expected: FlowState, previous?: Flow): Promise<boolean>;
  /**
   * The remembered, unrevoked, unexpired consents of subject+client, newest first (consent skip):
   * at most `limit` of them (the store's own bound when left out).
   */
  findRememberedConsent(subject: string, clientId: string, now: number, limit?: number): Promise<Flow[]>;
  /** Granted consent sessions of a subject (state consent_used, not revoked), newest first by (handledAt, id). */
  listConsentSessions(subject: string, opts: ConsentSessionPage): Promise<Flow[]>;
  /** Marks matching consent sessions revoked and returns their flow ids. clientId undefined = all clients. */
  revokeConsentSessions(subject: string, clientId: string | undefined, now: number): Promise<string[]>;
  /** Marks one granted consent session (flow id) of the subject revoked; returns [id], or [] when none matched. */
  revokeConsentSession(subject: string, flowId: string, now: number): Promise<string[]>;
  /** Flows waiting for a login or consent UI and not expired at `now`, newest first by (requestedAt, id). */
  listPendingFlows(page: PendingFlowPage): Promise<Flow[]>;
}

/** Keyset position in a pending-request list: the last request of the previous page. */
export interface PendingFlowCursor {
  requestedAt: number;
  id: string;
}

export interface PendingFlowPage {
  /** Only login requests (`login_pending`) or only consent requests (`consent_pending`); both when absent. */
  kind?: 'login' | 'consent';
  /** Epoch ms: flows with `expiresAt` at or before it are expired, not pending. */
  now: number;
  limit: number;
  /** Flows strictly older than this position, in (requestedAt, id) descending order. */
  before?: PendingFlowCursor;
}

/** Keyset position in a consent-session list: the last session of the previous page. */
export interface ConsentSessionCursor {
  handledAt: number;
  id: string;
}

export interface ConsentSessionPage {
  loginSessionId?: string;
  limit: number;
  /** Sessions strictly older than this position, in (handledAt, id) descending order. */
  before?: ConsentSessionCursor;
}

export interface AuthenticationSessionStore {
  createAuthenticationSession(session: AuthenticationSession): Promise<void>;
  getAuthenticationSession(id: string): Promise<AuthenticationSession | undefined>;
  updateAuthenticationSession(session: AuthenticationSession): Promise<void>;
  /** Revokes one session (by id) and returns it, or undefined when unknown. */
  revokeAuthenticationSession(id: string, now: number): Promise<AuthenticationSession | undefined>;
  /** Revokes every session of the subject; returns the revoked ones. */
  revokeAuthenticationSessionsOfSubject(subject: string, now: number): Promise<AuthenticationSession[]>;
}

export interface TokenStore {
  createAuthorizationCode(code: AuthorizationCodeRecord): Promise<void>;
  /** Atomically marks the code used; tells apart a first use from a replay. */
  consumeAuthorizationCode(signature: string, now: number): Promise<Consumed<AuthorizationCodeRecord>>;

  createAccessToken(token: AccessTokenRecord): Promise<void>;
  getAccessToken(signature: string): Promise<AccessTokenRecord | undefined>;
  revokeAccessToken(signature: string, now: number): Promise<void>;

  createRefreshToken(token: RefreshTokenRecord): Promise<void>;
  getRefreshToken(signature: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Atomically marks the refresh token used. A token used less than `graceMs` ago counts as
   * consumed again (the optional rotation grace window); older use is `already_used`. The first
   * consumption also revokes the access token issued with the refresh token, in the same atomic step:
   * rotation replaces both (RFC 9700 §4.14.2), and one commit or round trip does it.
   */
  consumeRefreshToken(signature: string, now: number, graceMs: number): Promise<Consumed<RefreshTokenRecord>>;
  /**
   * The refresh grant's read and consume in one atomic step, for a request whose every check before
   * the consume is on the token's own columns: when the token was issued to `clientId`, is unused,
   * not revoked, not expired at `now` and offline (no login session to ask), it is consumed as
   * consumeRefreshToken consumes it; otherwise nothing changes. Returns the record as it was before,
   * and whether this call consumed it; undefined when there is no such token.
   */
  takeRefreshToken(signature: string, now: number, clientId: string): Promise<{ record: RefreshTokenRecord; consumed: boolean } | undefined>;
  /** Whether the refresh token is revoked: the refresh grant's re-check after minting, without reading the record. */
  isRefreshTokenRevoked(signature: string): Promise<boolean>;
  revokeRefreshToken(signature: string, now: number): Promise<void>;

  /** Revokes every code, access and refresh token of the grant (code replay, refresh reuse). */
  revokeGrant(grantId: string, now: number): Promise<void>;
  /** Revokes every token issued from these flows (consent revocation). */
  revokeFlows(flowIds: string[], now: number): Promise<void>;
  /** Revokes all access tokens of a client (Hydra's DELETE /admin/oauth2/tokens). */
  revokeAccessTokensOfClient(clientId: string, now: number): Promise<void>;
}

/** private_key_jwt assertion ids, single-use until they expire (docs/security.md AS-29). */
export interface JtiStore {
  /** Returns false when the jti was already seen for this client. */
  consumeJti(clientId: string, jti: string, expiresAt: number): Promise<boolean>;
}

export interface StoredKey {
  set: string;
  kid: string;
  alg: string;
  use: 'sig' | 'enc';
  /** Public JWK as JSON. */
  publicJwk: Record<string, unknown>;
  /** Private JWK sealed with the system secret (AES-256-GCM); empty for public-only keys. */
  privateSealed: string;
  createdAt: number;
  /** When the key starts signing: published in the JWKS before that (OIDC Core §10.1.1). */
  activatesAt: number;
}

export interface KeyStore {
  /** Oldest first. */
  listKeys(set: string): Promise<StoredKey[]>;
  listKeySets(): Promise<string[]>;
  addKey(key: StoredKey): Promise<boolean>;
  deleteKey(set: string, kid: string): Promise<boolean>;
  deleteKeySet(set: string): Promise<number>;
}

/** Which kinds of rows a janitor run may delete (Hydra's `janitor --tokens --requests --grants`). */
export interface JanitorSelection {
  /** Expired codes, access and refresh tokens; refresh tokens of revoked grants. */
  tokens: boolean;
  /** Unfinished flows past their expiry; expired or revoked authentication sessions. */
  requests: boolean;
  /** Consent sessions that are revoked or no longer remembered and have no token left. */
  grants: boolean;
  /** Client-assertion ids past their expiry. */
  jtis: boolean;
}

export interface JanitorOptions {
  /** Epoch ms: only rows that expired (or were revoked) before this are deleted. */
  before: number;
  /** At most this many rows per kind (per count below) in one run. */
  limit: number;
  /** Rows per DELETE statement; each statement is its own short transaction. */
  batchSize: number;
  what: JanitorSelection;
}

/** Rows deleted, per table. */
export interface JanitorCounts {
  codes: number;
  accessTokens: number;
  refreshTokens: number;
  flows: number;
  jtis: number;
  authSessions: number;
}

export interface JanitorStore {
  deleteExpired(opts: JanitorOptions): Promise<JanitorCounts>;
}

export interface OAuth2Storage {
  clients: ClientStore;
  flows: FlowStore;
  authSessions: AuthenticationSessionStore;
  tokens: TokenStore;
  jtis: JtiStore;
  keys: KeyStore;
  janitor: JanitorStore;
}
