/**
 * Load-time checks of `selfservice.methods.oidc` that the schema cannot express: unique ids, what each
 * provider kind needs, the kinds this version does not run yet, and Kratos' Jsonnet `mapper_url`,
 * refused with the declarative mapping that replaces its common idioms (docs/operations/social-sign-in.md).
 */
import { OIDC_PROVIDER_KINDS, type OidcProviderConfig } from './schema-oidc.ts';

/** Kinds that work in this version; Kratos' other names load but are refused with the fix. */
const RUNNING_KINDS: ReadonlySet<string> = new Set(OIDC_PROVIDER_KINDS);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMED_TENANTS: ReadonlySet<string> = new Set(['common', 'organizations', 'consumers']);

const MAPPER_EXAMPLE =
  'mapper: { traits: { email: email, name.first: given_name, name.last: family_name } } ' +
  '(Jsonnet\'s `claims.email` becomes `email`; an address is marked verified only when the provider sends email_verified: true)';

/** Kratos' Jsonnet idioms beside the `mapper` that does the same (docs/operations/social-sign-in.md, "Mapping claims to traits"). */
const JSONNET_IDIOMS: ReadonlyArray<readonly [string, string]> = [
  ["[if claims.email_verified then 'email' else null]: claims.email", 'traits: { email: { from: email, when_verified: true } }'],
  ["verified_addresses: [{ via: 'email', value: claims.email }]", 'verified_addresses: [email] (trait paths; only addresses the provider verified)'],
  ['metadata_public: { hd: claims.hd } / metadata_admin: { … }', 'metadata_public: { hd: hd } / metadata_admin: { … }'],
  ['std.asciiLower(claims.email)', "traits: { email: { cel: 'claims.email.lowerAscii()' } }"],
  ["claims.given_name + ' ' + claims.family_name", 'traits: { name: { cel: \'claims.given_name + " " + claims.family_name\' } }'],
  ["if claims.hd == 'example.com' then 'staff' else 'guest'", 'traits: { role: { cel: \'claims.hd == "example.com" ? "staff" : "guest"\' } }'],
  ["error 'not allowed' when claims.hd != 'example.com'", 'when: \'claims.hd == "example.com"\''],
];
const IDIOMS = JSONNET_IDIOMS.map(([jsonnet, mapper]) => `\n      ${jsonnet}  →  ${mapper}`).join('');

/** What a kind needs besides the common fields (Kratos' provider_microsoft.go and provider_apple.go need the same). */
const kindIssues = (p: OidcProviderConfig, at: string): string[] => {
  const appleKey = p.appleTeamId !== undefined && p.applePrivateKeyId !== undefined && p.applePrivateKey !== undefined;
  if (p.provider === 'microsoft' && p.microsoftTenant === undefined) {
    return [`${at}.microsoft_tenant is missing. Fix: set it to the Azure tenant id, a tenant domain, or common, organizations or consumers.`];
  }
  if (p.provider === 'microsoft' && !GUID.test(p.microsoftTenant!) && !NAMED_TENANTS.has(p.microsoftTenant!) && !p.microsoftTenant!.includes('.')) {
    return [`${at}.microsoft_tenant "${p.microsoftTenant}" is not a tenant id, a domain, common, organizations or consumers.`];
  }
  if (p.provider === 'apple' && p.clientSecret === undefined && !appleKey) {
    return [`${at} needs a client secret. Fix: set apple_team_id, apple_private_key_id and apple_private_key (Olympus signs the client secret), or client_secret.`];
  }
  if (p.provider !== 'apple' && p.clientSecret === undefined) return [`${at}.client_secret is missing. Fix: set the secret the provider issued for client_id.`];
  return [];
};

const providerIssues = (p: OidcProviderConfig, at: string): string[] => {
  const issues: string[] = [];
  if (!RUNNING_KINDS.has(p.provider)) {
    issues.push(`${at}.provider is "${p.provider}", which is not yet supported by Olympus. Fix: use "generic" with the provider's issuer_url, or one of ${OIDC_PROVIDER_KINDS.join(', ')}.`);
  }
  issues.push(...kindIssues(p, at));
  if (p.mapperUrl !== undefined) {
    issues.push(`${at}.mapper_url points at a Jsonnet mapper, which Olympus does not run. Fix: remove mapper_url and write ${MAPPER_EXAMPLE}. Common Jsonnet idioms and their equivalents:${IDIOMS}`);
  }
  if (p.provider === 'generic' && p.issuerUrl === undefined) {
    issues.push(`${at}.issuer_url is missing; a generic provider is found through its discovery document. Fix: set issuer_url (e.g. https://idp.example.com).`);
  }
  return issues;
};

export const oidcIssues = (providers: readonly OidcProviderConfig[]): string[] => {
  const issues = providers.flatMap((p, i) => providerIssues(p, `selfservice.methods.oidc.config.providers[${i}]`));
  const ids = providers.map((p) => p.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) issues.push(`selfservice.methods.oidc.config.providers lists the id "${duplicate}" more than once. Fix: give every provider its own id.`);
  return issues;
};
