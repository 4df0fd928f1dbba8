import type { OlympusConfig } from '@olympus/config';
import { endpointsOf } from '../endpoints.ts';

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * What a client assertion's `aud` may name (RFC 7523 §3: "a value that identifies the authorization
 * server as an intended audience"; the token endpoint URL MAY be used): the token endpoint, the endpoint
 * being called, and the issuer, with or without its trailing slash.
 */
export const assertionAudiences = (config: OlympusConfig, calledEndpointUrl: string): string[] => {
  const issuer = withoutTrailingSlash(config.urls.issuer);
  return [...new Set([endpointsOf(config).token, calledEndpointUrl, issuer, `${issuer}/`])];
};
