/**
 * A dry run of one provider for the console (docs/operations/social-sign-in.md, "Testing a provider
 * from Athena"): the authorization request, code exchange, ID token check, claims and mapping a
 * sign-in goes through (start.ts, exchange.ts, id-token.ts, claims.ts, mapping.ts), with the console's
 * own redirect URI — and nothing persisted: no identity, no credential, no session. The caller keeps
 * the record sealed in a cookie bound to its own session (`binding`); every failure names its step.
 */
import type { JWTPayload } from 'jose';
import { constantTimeEqual, randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';
import { IdentityError } from '../../errors.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { validateTraits } from '../../schemas/validate.ts';
import { withAppleUser } from './apple.ts';
import { userinfoClaims } from './claims.ts';
import { providerEndpoints } from './discovery.ts';
import { exchangeCode } from './exchange.ts';
import { githubClaims } from './github.ts';
import { verifyIdToken } from './id-token.ts';
import { credentialIdentifier } from './link.ts';
import { mapClaims, type MappedIdentity } from './mapping.ts';
import { MappingFailed, SignInNotAllowed } from './mapping-errors.ts';
import type { OidcProvider } from './providers.ts';
import { authorizationUrl, usesPkce } from './start.ts';

/** In the order a round trip meets them; `authorization` is the request and the provider's answer to it. */
export const DRY_RUN_STEPS = ['authorization', 'state', 'token_exchange', 'id_token', 'claims', 'mapping'] as const;
export type DryRunStep = (typeof DRY_RUN_STEPS)[number];

export interface DryRunRecord {
  provider: string;
  state: string;
  nonce: string;
  /** The PKCE code_verifier (RFC 7636 §4.1), when the provider gets a challenge. */
  verifier?: string;
  redirectUri: string;
  /** Whose console session started it: a record from another session is refused at the state step. */
  binding: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface DryRunFailure {
  step: DryRunStep;
  message: string;
  reason: string;
  /** The troubleshooting page's error id (oidc_id_token_invalid, …), when there is one. */
  errorId?: string;
}

export interface DryRunResult {
  provider: string;
  /** The steps passed, in order (an OAuth2-only provider has no id_token step). */
  passed: DryRunStep[];
  failure?: DryRunFailure;
  idTokenClaims?: JWTPayload;
  /** The claims the mapping read: the ID token's, userinfo's, or GitHub's API (with Apple's first-login name). */
  claims?: JWTPayload;
  mapped?: MappedIdentity;
  schemaProblems: Array<{ trait: string; message: string }>;
  /** The identity that provider account already signs in, read only. */
  linkedIdentityId?: string;
}

/** A refusal of the dry run itself (not the provider's error classes). */
class DryRunRefusal extends Error {
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/** The authorization request as a sign-in sends it (start.ts), but answered at `redirectUri`. */
export const startDryRun = async (
  ctx: IdentityContext, provider: OidcProvider, redirectUri: string, binding: string, expiresAt: number,
): Promise<{ to: string; record: DryRunRecord }> => {
  const endpoints = await providerEndpoints(ctx, provider);
  const secrets = { state: randomToken(), nonce: randomToken(), ...(usesPkce(provider, endpoints) ? { verifier: randomToken() } : {}) };
  const to = new URL(authorizationUrl(ctx, provider, endpoints, secrets));
  to.searchParams.set('redirect_uri', redirectUri);
  return { to: to.href, record: { provider: provider.id, ...secrets, redirectUri, binding, expiresAt } };
};

/** A start that failed (discovery, say): the result page shows it at the authorization step. */
export const failedStart = (provider: OidcProvider, err: unknown): DryRunResult =>
  ({ provider: provider.id, passed: [], schemaProblems: [], failure: failureOf('authorization', err) });

const checkState = (ctx: IdentityContext, provider: OidcProvider, record: DryRunRecord | undefined, binding: string, state: string | undefined): DryRunRecord => {
  const refuse = (reason: string) => new DryRunRefusal('The callback does not belong to a dry run this console session started.', reason);
  if (record === undefined) throw refuse('The dry-run cookie did not come back (blocked, cleared, another browser) or cannot be opened. Start the dry run again.');
  if (record.binding !== binding) throw refuse('The dry run was started in another console session.');
  if (record.expiresAt <= ctx.now()) throw refuse('The dry run expired; start it again.');
  if (record.provider !== provider.id) throw refuse(`The callback is for "${provider.id}", but this browser started a dry run of "${record.provider}".`);
  if (typeof state !== 'string' || !constantTimeEqual(state, record.state)) throw refuse('The state parameter is not the one this dry run sent (RFC 6749 §10.12).');
  return record;
};

function failureOf(step: DryRunStep, err: unknown): DryRunFailure {
  if (err instanceof IdentityError) return { step, message: err.message, reason: err.reason, errorId: err.id };
  if (err instanceof DryRunRefusal) return { step, message: err.message, reason: err.reason };
  // The mapper refused the account (`when`) or an expression failed: shown, with the cause, to the administrator.
  if (err instanceof MappingFailed) return { step, message: err.message, reason: err.detail };
  if (err instanceof SignInNotAllowed) return { step, message: err.message, reason: 'The provider\'s mapper.when is false for these claims.' };
  throw err;
}

/** The callback's parameters (RFC 6749 §4.1.2, §4.1.2.1; Apple's `user`). */
export type DryRunParams = Record<string, string | undefined>;

export const completeDryRun = async (
  ctx: IdentityContext, provider: OidcProvider, sealed: DryRunRecord | undefined, binding: string, params: DryRunParams,
): Promise<DryRunResult> => {
  const result: DryRunResult = { provider: provider.id, passed: [], schemaProblems: [] };
  let step: DryRunStep = 'state';
  const next = (following: DryRunStep) => {
    result.passed.push(step);
    step = following;
  };
  try {
    const record = checkState(ctx, provider, sealed, binding, params.state);
    next('authorization');
    if (params.error !== undefined || !params.code) {
      throw new DryRunRefusal(`${provider.label} did not sign the administrator in.`, [params.error, params.error_description].filter(Boolean).join(': ') || 'The callback carries no code.');
    }
    next('token_exchange');
    const endpoints = await providerEndpoints(ctx, provider);
    const tokens = await exchangeCode(ctx, provider, endpoints, record, params.code, record.redirectUri);
    let claims: JWTPayload;
    if (provider.config.provider === 'github') {
      next('claims');
      claims = await githubClaims(ctx, provider, tokens.accessToken!);
    } else {
      next('id_token');
      result.idTokenClaims = await verifyIdToken(ctx, provider, endpoints, tokens.idToken!, record.nonce);
      next('claims');
      claims = provider.config.claimsSource === 'userinfo'
        ? await userinfoClaims(ctx, provider, endpoints.userinfo, tokens.accessToken, result.idTokenClaims.sub!)
        : result.idTokenClaims;
      if (provider.config.provider === 'apple') claims = withAppleUser(claims, params.user);
    }
    result.claims = claims;
    const linked = await ctx.storage.identities.findByCredentialIdentifier('oidc', credentialIdentifier(provider.id, String(claims.sub)));
    if (linked !== undefined) result.linkedIdentityId = linked.id;
    next('mapping');
    result.mapped = mapClaims(provider, claims);
    const schemas = loadSchemas(ctx.config);
    const schema = schemas.get(schemas.defaultId)!;
    result.schemaProblems = validateTraits(schema, result.mapped.traits).map(({ name, message }) => ({ trait: name.replace(/^traits\./, ''), message: message.text }));
    if (result.schemaProblems.length > 0) {
      throw new DryRunRefusal(`The mapped traits do not satisfy the identity schema "${schema.id}": a first sign-in with these claims would send the user to the registration form to complete them.`,
        result.schemaProblems.map((p) => `${p.trait}: ${p.message}`).join('; '));
    }
    result.passed.push('mapping');
  } catch (err) {
    result.failure = failureOf(step, err);
  }
  return result;
};
