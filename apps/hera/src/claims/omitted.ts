/**
 * Which ID token claims the consent left out and why, for the flow tracer's `consent_decided` stop
 * (docs/operations/tracing.md; seed 003's "claims missing from the ID token"): a claim the traits hold
 * whose scope was not requested, or requested but not granted; and, for a granted scope, its headline
 * claim (or a claim the operator mapped in `hera.claims`) that no trait supplied — `trait_absent` when
 * the operator's mapping points at a trait the identity lacks, `not_mapped` when only the built-in
 * guesses were tried. The other optional profile claims are not listed when absent: most identities
 * lack most of them, and a list of a dozen would hide the one the developer is after.
 */
import type { OmittedClaim } from '@olympus/oauth2';
import type { Identity } from '@olympus/identity';
import { firstPresent, type ClaimMappings } from '../claims.ts';
import { claimPathsFor } from './builtin.ts';
import { SERVER_OWNED_CLAIMS, scopeOfClaim } from './standard.ts';

/** The claim each standard scope is requested for (OIDC Core §5.4). */
const HEADLINE_CLAIMS: ReadonlySet<string> = new Set(['email', 'name', 'phone_number', 'address']);

export interface ConsentScopes {
  requested: readonly string[];
  granted: readonly string[];
}

export const omittedIdTokenClaims = (
  identity: Identity | undefined, released: Readonly<Record<string, unknown>>, scopes: ConsentScopes, mappings: ClaimMappings = {},
): OmittedClaim[] => {
  if (identity === undefined) return [];
  const configured = mappings[identity.schema_id] ?? {};
  const omitted: OmittedClaim[] = [];
  for (const [claim, paths] of Object.entries(claimPathsFor(identity.schema_id, mappings))) {
    if (SERVER_OWNED_CLAIMS.has(claim) || Object.hasOwn(released, claim)) continue;
    const scope = scopeOfClaim(claim);
    const held = firstPresent(identity.traits, paths, claim) !== undefined;
    if (held && !scopes.requested.includes(scope)) omitted.push({ claim, reason: 'scope_not_requested' });
    else if (held && !scopes.granted.includes(scope)) omitted.push({ claim, reason: 'scope_not_granted' });
    else if (!held && scopes.granted.includes(scope) && Object.hasOwn(configured, claim)) omitted.push({ claim, reason: 'trait_absent' });
    else if (!held && scopes.granted.includes(scope) && HEADLINE_CLAIMS.has(claim)) omitted.push({ claim, reason: 'not_mapped' });
  }
  return omitted;
};
