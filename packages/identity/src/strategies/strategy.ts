/**
 * A credential strategy (password, totp, lookup_secret, …): one module each, picked from a map, so
 * flows never know how a method works (docs/architecture.md §7; Kratos has a strategy per method too, but
 * behind a god-object registry).
 */
import type { OlympusConfig } from '@olympus/config';
import type { IdentityContext } from '../context.ts';
import type { Identity, CredentialType } from '../identities/identity.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import type { Aal, AuthenticationMethod } from '../sessions/session.ts';
import type { UiNode, UiText } from '../ui/node.ts';
import type { CredentialLookup, LookedUp } from '../protection/store.ts';

/**
 * Invalid input in a flow: not an error response but the flow again, with messages on the flow
 * (`messages`) or on named nodes (`nodeMessages`, keyed by node name) — Kratos answers 400 + flow.
 */
export class FlowValidationError extends Error {
  readonly messages: UiText[];
  readonly nodeMessages: Record<string, UiText[]>;
  constructor(messages: UiText[], nodeMessages: Record<string, UiText[]> = {}) {
    super(messages.map((m) => m.text).join(' ') || 'The submitted form is invalid.');
    this.messages = messages;
    this.nodeMessages = nodeMessages;
  }
}

export interface LoginResult {
  identity: Identity;
  method: AuthenticationMethod['method'];
  aal: Aal;
}

/** A method that continues at another site (oidc): where the browser goes and the sealed continuity cookie it takes along. */
export interface StrategyRedirect {
  to: string;
  continuity: string;
  /** Epoch ms: when the continuity cookie may go. */
  continuityExpiresAt: number;
}

/**
 * A method that signs in or registers at another site (oidc): its nodes in login and registration
 * flows, and the submission that sends the browser there. Its callback completes the flow.
 */
export interface RedirectStrategy {
  readonly method: CredentialType;
  /** The nodes for a login (first factor only) or registration flow; none when nothing is configured. */
  flowNodes(config: OlympusConfig, flow: SelfServiceFlow): UiNode[];
  redirect(ctx: IdentityContext, flow: SelfServiceFlow, body: Record<string, unknown>): Promise<StrategyRedirect>;
}

export interface LoginStrategy {
  readonly method: CredentialType;
  /**
   * The nodes this method adds to a login flow for `aal` (aal1: first factor; aal2: second).
   * `identity`, when known (a step-up's session identity), limits second factors to those it has;
   * `config` tells whether the method is enabled and its settings (a passkey's relying party).
   */
  loginNodes(flow: SelfServiceFlow, aal: Aal, identity: Identity | undefined, config: OlympusConfig): UiNode[];
  /**
   * The identity lookup `login` makes for this body, if any: the login guard makes it with the
   * attempt's reservation (one round trip on PostgreSQL) and hands `login` the answer.
   */
  credentialLookup?(body: Record<string, unknown>): CredentialLookup | undefined;
  /**
   * Authenticates the submitted body. Throws FlowValidationError for wrong credentials — the same
   * message (4000006) for an unknown identifier and a wrong secret (account enumeration, ID-6).
   * `identity` is set for aal2 steps (the session's identity); `lookedUp`, when given, answers
   * this body's credentialLookup.
   */
  login(ctx: IdentityContext, flow: SelfServiceFlow, body: Record<string, unknown>, identity?: Identity, lookedUp?: LookedUp): Promise<LoginResult>;
}

export interface RegistrationStrategy {
  readonly method: CredentialType;
  /** The nodes this method adds to a registration flow (traits nodes come from the schema); `config` tells whether it is enabled. */
  registrationNodes(flow: SelfServiceFlow, config: OlympusConfig): UiNode[];
  /** Adds this method's credential to a not yet stored identity; throws FlowValidationError. */
  register(ctx: IdentityContext, flow: SelfServiceFlow, body: Record<string, unknown>, identity: Identity): Promise<void>;
}

/** A settings method's part of the form, and the state it keeps in the flow until the next submission. */
export interface SettingsForm {
  nodes: UiNode[];
  /** E.g. the sealed, not yet confirmed TOTP secret; undefined: nothing to keep. */
  state?: Record<string, unknown>;
}

/** What a settings submission changed; the settings flow stores it and answers. */
export interface SettingsChange {
  /** The identity to store; undefined when nothing is stored (e.g. recovery codes only generated). */
  identity?: Identity;
  /** A credential was added, replaced or removed: the identity's other sessions end (docs/security.md ID-11). */
  credentialsChanged?: boolean;
  /** The method's new flow state (replaces the old one). */
  state?: Record<string, unknown>;
  /** The change continues at another site (oidc `link`): nothing is stored yet, the browser goes there. */
  redirect?: StrategyRedirect;
}

/**
 * A settings method (`profile`, `password`, `totp`, `lookup_secret`; docs/compatibility.md §2.3 submit bodies).
 * `requirePrivileged` throws 403 session_refresh_required when the session's last login is too old:
 * a method calls it before changing a credential or an address (docs/security.md ID-13).
 */
export interface SettingsStrategy {
  readonly method: string;
  /** True when a body without `method` is meant for this method (Kratos' buttons such as `totp_unlink`). */
  claims(body: Record<string, unknown>): boolean;
  settingsForm(ctx: IdentityContext, identity: Identity, state: Record<string, unknown> | undefined): Promise<SettingsForm>;
  updateSettings(
    ctx: IdentityContext,
    flow: SelfServiceFlow,
    body: Record<string, unknown>,
    identity: Identity,
    state: Record<string, unknown> | undefined,
    requirePrivileged: () => void,
  ): Promise<SettingsChange>;
}
