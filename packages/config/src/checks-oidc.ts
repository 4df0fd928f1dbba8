/**
 * Load-time checks of `selfservice.methods.oidc` that the schema cannot express: unique ids, what each
 * provider kind needs, the kinds this version does not run yet, and Kratos' Jsonnet `mapper_url`,
 * refused with the declarative mapping that replaces its common idioms (docs/operations/social-sign-in.md).
 */
import type { OidcProviderConfig } from './schema-oidc.ts';

/** Kinds that work in this version: a generic provider, and Google as one with Google's issuer. */
const RUNNING_KINDS: ReadonlySet<string> = new Set(['generic', 'google']);

const MAPPER_EXAMPLE =
  'mapper: { traits: { email: email, name.first: given_name, name.last: family_name } } ' +
  '(Jsonnet\'s `claims.email` becomes `email`; an address is marked verified only when the provider sends email_verified: true)';

const providerIssues = (p: OidcProviderConfig, at: string): string[] => {
  const issues: string[] = [];
  if (!RUNNING_KINDS.has(p.provider)) {
    issues.push(`${at}.provider is "${p.provider}", which is not yet supported by Olympus. Fix: use "generic" with the provider's issuer_url, or "google".`);
  }
  if (p.mapperUrl !== undefined) {
    issues.push(`${at}.mapper_url points at a Jsonnet mapper, which Olympus does not run. Fix: remove mapper_url and write ${MAPPER_EXAMPLE}.`);
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
