import type { OlympusConfig } from '@olympus/config';

/** The public endpoint URLs, derived once from the issuer (discovery, verifier redirects, audiences). */
export const endpointsOf = (config: OlympusConfig) => {
  const base = config.serve.public.url.replace(/\/+$/, '');
  return {
    issuer: config.urls.issuer,
    authorization: `${base}/oauth2/auth`,
    token: `${base}/oauth2/token`,
    revocation: `${base}/oauth2/revoke`,
    userinfo: `${base}/userinfo`,
    jwks: `${base}/.well-known/jwks.json`,
    endSession: `${base}/oauth2/sessions/logout`,
  };
};

/** `base?name=value` keeping any query the configured URL already has. */
export const withParam = (base: string, name: string, value: string): string => {
  const url = new URL(base);
  url.searchParams.set(name, value);
  return url.toString();
};
