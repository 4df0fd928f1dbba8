/**
 * A claim missing from the ID token (seed 003), one notice per claim the consent left out and why:
 * its scope was not requested or not granted (OpenID Connect Core §5.4 releases the standard claims
 * by scope), the identity has no such trait, or no trait is mapped to it (`hera.claims`).
 */
import type { TraceEvent } from '../../event.ts';
import { recordsAt, shown, textsAt } from '../read-evidence.ts';
import { clientOf, line, notice, type NoticeRule } from '../rule.ts';

/** The scope that releases a standard claim (OpenID Connect Core §5.4); any other claim has a scope of its own name. */
const SCOPE_OF: Record<string, string> = {
  email: 'email', email_verified: 'email',
  phone_number: 'phone', phone_number_verified: 'phone',
  address: 'address',
  ...Object.fromEntries(['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'].map((claim) => [claim, 'profile'])),
};

const scopeOf = (claim: string): string => SCOPE_OF[claim] ?? claim;

const EXPLAINED: Record<string, { summary: string; fix: (claim: string, event: TraceEvent) => string }> = {
  scope_not_requested: {
    summary: 'its scope was not requested',
    fix: (claim) => `Add the scope ${scopeOf(claim)} to the app's authorization request (scope=openid ${scopeOf(claim)}).`,
  },
  scope_not_granted: {
    summary: 'its scope was not granted',
    fix: (claim, event) => `The consent did not grant ${scopeOf(claim)}: the user left it unticked, or the client may not ask for it (\`olympus update oauth2-client ${clientOf(event)} --scope …\` must list ${scopeOf(claim)}).`,
  },
  trait_absent: {
    summary: 'the identity has no value for its trait',
    fix: () => 'Fill the trait for this identity (Athena → Identities, or `olympus get identity <id>` to see its traits), or make it required in the identity schema so registration asks for it.',
  },
  not_mapped: {
    summary: 'no trait is mapped to it',
    fix: (claim) => `Map it to a trait in the config: \`hera.claims: { <schema id>: { ${claim}: <trait path> } }\` (docs/configuration.md), then sign in again.`,
  },
};

export const claimMissing: NoticeRule = (event) => {
  if (event.stop !== 'consent_decided') return [];
  return recordsAt(event, 'id_token_claims_omitted').flatMap((omitted) => {
    const claim = typeof omitted.claim === 'string' ? omitted.claim : undefined;
    const why = typeof omitted.reason === 'string' ? EXPLAINED[omitted.reason] : undefined;
    if (claim === undefined) return [];
    return [notice(event, 'claim_missing', {
      summary: `The ID token has no ${claim} claim: ${why?.summary ?? `reason ${shown(omitted.reason)}`}.`,
      evidence: [
        line('claim', claim),
        line('reason', shown(omitted.reason)),
        line('requested scopes', shown(textsAt(event, 'requested_scopes'))),
        line('granted scopes', shown(textsAt(event, 'granted_scopes'))),
        line('claims in the ID token', shown(textsAt(event, 'id_token_claims'))),
      ],
      fix: why?.fix(claim, event) ?? `Check the scopes requested and granted and the trait mapping (\`hera.claims\`) for ${claim}.`,
    })];
  });
};
