/**
 * Checks on the resolved configuration that one schema node cannot express. Each issue says what
 * is wrong and how to fix it, naming the config key and the environment variable.
 */
import { oidcIssues } from './checks-oidc.ts';
import { webauthnIssues } from './checks-webauthn.ts';
import type { OlympusConfig } from './types.ts';

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Problems in any mode. */
export const consistencyIssues = (config: OlympusConfig): string[] => {
  const issues: string[] = [];
  const { admin, cookies } = config.serve;
  if (!isLoopback(admin.host) && admin.apiKeys.length === 0) {
    // docs/architecture.md §1: the admin origin is protected by a credential whenever it is reachable from elsewhere.
    issues.push(
      `serve.admin.host is "${admin.host}", beyond loopback, but serve.admin.api_keys is empty, so anyone who reaches ` +
        'the admin origin could run it. Fix: set serve.admin.api_keys (or OLYMPUS_ADMIN_API_KEYS, comma-separated) to ' +
        'random keys of at least 32 characters, or set serve.admin.host to 127.0.0.1.',
    );
  }
  if (cookies.sameSite === 'None' && !cookies.secure) {
    issues.push('serve.cookies.same_site is "None" but serve.cookies.secure is false; browsers drop such cookies. Fix: set serve.cookies.secure: true or use same_site Lax.');
  }
  issues.push(...identitySchemaIssues(config));
  issues.push(...oidcIssues(config.selfservice.methods.oidc.config.providers));
  issues.push(...webauthnIssues(config.selfservice.methods));
  return issues;
};

/** identity.default_schema_id must name a schema, and schema ids must be unique. */
const identitySchemaIssues = (config: OlympusConfig): string[] => {
  const ids = ['default', ...config.identity.schemas.map((s) => s.id)];
  const issues: string[] = [];
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length > 0) {
    issues.push(`identity.schemas lists the id "${duplicates[0]}" more than once ("default" is built in). Fix: give every schema its own id.`);
  }
  if (!ids.includes(config.identity.defaultSchemaId)) {
    issues.push(
      `identity.default_schema_id is "${config.identity.defaultSchemaId}" but no schema has that id. Fix: use "default" or one of ` +
        `identity.schemas' ids (${ids.join(', ')}).`,
    );
  }
  return issues;
};

/** What production (no --dev) requires, all listed at once. */
export const productionIssues = (config: OlympusConfig): string[] => {
  const issues: string[] = [];
  if (config.secrets.system.length === 0) {
    issues.push(
      'secrets.system is not set. Fix: set secrets.system in the config file, or OLYMPUS_SECRETS_SYSTEM=<new>[,<old>...] ' +
        '(each at least 32 random characters, e.g. from "openssl rand -base64 32"; the first one is used, the others only decrypt).',
    );
  }
  if (new URL(config.urls.issuer).protocol !== 'https:') {
    issues.push(
      `urls.self.issuer is "${config.urls.issuer}" but must be https outside --dev. Fix: set urls.self.issuer, or ` +
        'serve.public.base_url / OLYMPUS_PUBLIC_URL, to an https:// URL (TLS may end at your load balancer).',
    );
  }
  if (!config.dsn) {
    issues.push(
      'dsn is not set. Fix: set dsn in the config file or OLYMPUS_DSN, e.g. postgres://user:password@db:5432/olympus ' +
        'or sqlite:///var/lib/olympus/olympus.sqlite.',
    );
  }
  return issues;
};
