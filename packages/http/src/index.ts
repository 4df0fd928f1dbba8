export type { HttpDeps, RegisterRoutes } from './deps.ts';
export { buildPublicApp, buildAdminApp } from './app.ts';
export { parseForm } from './form-body.ts';
export { createJwksFetcher, JWKS_FETCH_LIMITS } from './outbound/jwks-fetcher.ts';
export { specialUseRange } from './outbound/address-ranges.ts';
