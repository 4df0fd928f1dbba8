/**
 * A claim missing from the ID token (seed 003), one notice per reason the consent left claims out:
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

const listed = (claims: readonly string[]): string => claims.join(', ');
const scopesOf = (claims: readonly string[]): string => [...new Set(claims.map(scopeOf))].join(' ');

const EXPLAINED: Record<string, { summary: string; fix: (claims: readonly string[], event: TraceEvent) => string }> = {
  scope_not_requested: {
    summary: 'their scope was not requested',
    fix: (claims) => `If the app needs them, add the scope to its authorization request (scope=openid ${scopesOf(claims)}).`,
  },
  scope_not_granted: {
    summary: 'their scope was not granted',
    fix: (claims, event) => `The consent did not grant ${scopesOf(claims)}: the user left it unticked, or the client may not ask for it (\`olympus update oauth2-client ${clientOf(event)} --scope …\` must list ${scopesOf(claims)}).`,
  },
  trait_absent: {
    summary: 'the identity has no value for their trait',
    fix: () => 'Fill the trait for this identity (Athena → Identities, or `olympus get identity <id>` to see its traits), or make it required in the identity schema so registration asks for it.',
  },
  not_mapped: {
    summary: 'no trait is mapped to them',
    fix: (claims) => `Map each to a trait in the config: \`hera.claims: { <schema id>: { ${claims[0]}: <trait path> } }\` (docs/configuration.md), then sign in again.`,
  },
};

/** The omitted claims grouped by reason, in the order the reasons first appear. */
const byReason = (event: TraceEvent): Map<string, string[]> => {
  const groups = new Map<string, string[]>();
  for (const omitted of recordsAt(event, 'id_token_claims_omitted')) {
    if (typeof omitted.claim !== 'string') continue;
    const reason = shown(omitted.reason);
    groups.set(reason, [...(groups.get(reason) ?? []), omitted.claim]);
  }
  return groups;
};

/** One notice per reason, naming every claim it kept out: a short chain stays readable. */
export const claimMissing: NoticeRule = (event) => {
  if (event.stop !== 'consent_decided') return [];
  return [...byReason(event)].map(([reason, claims]) => {
    const why = EXPLAINED[reason];
    return notice(event, 'claim_missing', {
      summary: `The ID token has no ${listed(claims)} claim${claims.length > 1 ? 's' : ''}: ${why?.summary ?? `reason ${reason}`}.`,
      evidence: [
        line('claims', listed(claims)),
        line('reason', reason),
        line('requested scopes', shown(textsAt(event, 'requested_scopes'))),
        line('granted scopes', shown(textsAt(event, 'granted_scopes'))),
        line('claims in the ID token', shown(textsAt(event, 'id_token_claims'))),
      ],
      fix: why?.fix(claims, event) ?? `Check the scopes requested and granted and the trait mapping (\`hera.claims\`) for ${listed(claims)}.`,
    });
  });
};
