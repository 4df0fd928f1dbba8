/**
 * The page CSP with `form-action` widened to where a form's redirects may lead: the client's redirect
 * origins (OAuth2 flows end, through /oauth2/auth, at the app's redirect_uri) and the configured
 * return_to origins and the sign-in providers (social sign-in). Chromium applies form-action to every
 * redirect a form submission follows (CSP3 §6.3.3), so 'self' alone would block the last hop. A page
 * that serves an OAuth2 request also allows the hops after the client's redirect_uri, which this server
 * cannot know (docs/decisions/0006-login-form-action.md).
 */
import type { FastifyReply } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { oidcProviders } from '@olympus/identity';
import { PAGE_CSP } from '@olympus/http';

const originsOf = (uris: readonly string[]): string[] => {
  const origins = new Set<string>();
  for (const uri of uris) {
    try {
      const { origin, protocol } = new URL(uri);
      // Custom schemes (native apps) have an opaque origin: allow the scheme itself.
      origins.add(origin === 'null' ? protocol : origin);
    } catch {
      // A redirect URI the client registry accepted always parses; nothing to allow otherwise.
    }
  }
  return [...origins].filter((o) => !/[\s;,']/.test(o));
};

const redirectUrisOf = (client: unknown): string[] => {
  const uris = (client as { redirect_uris?: unknown } | undefined)?.redirect_uris;
  return Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string') : [];
};

/** Social sign-in: a provider button's submission is answered with a 303 to the provider's authorization endpoint. */
const providerUrlsOf = (config: OlympusConfig): string[] =>
  oidcProviders(config).flatMap((p) => [p.issuer, p.signInUrl].filter((u): u is string => typeof u === 'string' && u !== ''));

/**
 * The relying party's own redirects after its redirect_uri (its callback sending the browser to its
 * home page, or on to its own app when it is another identity server): any https target, and http
 * only where the client itself is reached over http (loopback, RFC 8252 §7.3), so the chain was never
 * encrypted end to end anyway (docs/decisions/0006-login-form-action.md).
 */
const onwardSchemesOf = (client: unknown): string[] =>
  redirectUrisOf(client).some((u) => u.startsWith('http:')) ? ['https:', 'http:'] : ['https:'];

/**
 * `client`: the OAuth2 client the page's flow serves, if any (its redirect_uris are allowed);
 * `oauth2Chain`: the page's form continues that client's authorization (login, consent), so the
 * client's onward redirects are allowed too.
 */
export const allowFormRedirectsTo = (reply: FastifyReply, config: OlympusConfig, client?: unknown, oauth2Chain = false): void => {
  const extra = originsOf([...redirectUrisOf(client), ...config.selfservice.allowedReturnUrls, config.selfservice.defaultBrowserReturnUrl, ...providerUrlsOf(config)])
    .filter((o) => o !== new URL(config.serve.public.url).origin);
  if (oauth2Chain && client !== undefined) extra.push(...onwardSchemesOf(client));
  if (extra.length === 0) return;
  reply.header('content-security-policy', PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${extra.join(' ')}`));
};
