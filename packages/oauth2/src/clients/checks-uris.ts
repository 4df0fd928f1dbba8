/** Validation steps for every URI-valued field of a client (docs/security.md AS-1..AS-5, AS-7). */
import { InvalidClientMetadata, InvalidRedirectUri } from '../errors.ts';
import type { ClientCheck } from './draft.ts';
import { show } from './describe.ts';
import { DISPLAY_URL_RULES, REDIRECT_URI_RULES, SERVER_URL_RULES, firstUriProblem, originProblem } from './uri-rules.ts';

export const checkRedirectUris: ClientCheck = ({ client }, { dev }) => {
  client.redirect_uris.forEach((uri, i) => {
    const problem = firstUriProblem(`redirect_uris[${i}]`, uri, dev, REDIRECT_URI_RULES);
    if (problem) throw new InvalidRedirectUri(`${problem}.`);
  });
};

/** RFC 6749 §4.1.3: the code grant sends the user back to a registered redirect URI, so it needs one. */
export const checkRedirectUriPresent: ClientCheck = ({ client }) => {
  if (client.grant_types.includes('authorization_code') && client.redirect_uris.length === 0) {
    throw new InvalidRedirectUri(
      'Field redirect_uris is empty, but grant_types contains authorization_code, which needs at least one redirect URI. ' +
        'Add one, e.g. "redirect_uris": ["https://app.example/callback"], or set "grant_types": ["client_credentials"] for a machine client.',
    );
  }
};

/**
 * Post-logout redirect URIs follow the redirect URI rules and, as in Hydra, must share scheme, host
 * and port with a registered redirect URI, so logout cannot become an open redirector (AS-7).
 */
export const checkPostLogoutRedirectUris: ClientCheck = ({ client }, { dev }) => {
  client.post_logout_redirect_uris.forEach((uri, i) => {
    const label = `post_logout_redirect_uris[${i}]`;
    const problem = firstUriProblem(label, uri, dev, REDIRECT_URI_RULES);
    if (problem) throw new InvalidRedirectUri(`${problem}.`);
    const url = new URL(uri);
    const sameOrigin = client.redirect_uris.some((r) => {
      const redirect = new URL(r);
      return redirect.protocol === url.protocol && redirect.hostname === url.hostname && redirect.port === url.port;
    });
    if (!sameOrigin) {
      throw new InvalidRedirectUri(
        `${label} ${show(uri)} must have the scheme, host and port of one of the redirect_uris, but none matches. ` +
          'Register a redirect URI on that host too, or use a post-logout URI on the host of an existing one.',
      );
    }
  });
};

export const checkCorsOrigins: ClientCheck = ({ client }, { dev }) => {
  client.allowed_cors_origins.forEach((origin, i) => {
    const problem = originProblem(`allowed_cors_origins[${i}]`, origin, dev);
    if (problem) throw new InvalidClientMetadata(`${problem}.`);
  });
};

const SERVER_URL_FIELDS = ['jwks_uri', 'frontchannel_logout_uri', 'backchannel_logout_uri', 'sector_identifier_uri'] as const;
const DISPLAY_URL_FIELDS = ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri'] as const;

/** Links shown on consent pages must be http(s) (a javascript: link there is XSS); fetched URLs need https. */
export const checkOtherUrls: ClientCheck = ({ client }, { dev }) => {
  const problems = [
    ...SERVER_URL_FIELDS.map((f) => (client[f] ? firstUriProblem(f, client[f], dev, SERVER_URL_RULES) : undefined)),
    ...DISPLAY_URL_FIELDS.map((f) => (client[f] ? firstUriProblem(f, client[f], dev, DISPLAY_URL_RULES) : undefined)),
    ...client.request_uris.map((uri, i) => firstUriProblem(`request_uris[${i}]`, uri, dev, SERVER_URL_RULES)),
  ];
  const problem = problems.find((p) => p !== undefined);
  if (problem) throw new InvalidClientMetadata(`${problem}.`);
};
