import type { RegisterRoutes } from '@olympus/http';
import { registerConsentPage } from './consent.ts';
import { registerErrorPage } from './error.ts';
import { registerLoginPage } from './login.ts';

/** Hera's pages on the public origin, passed to buildPublicApp as its `extra` route modules. */
export const heraRoutes: readonly RegisterRoutes[] = [registerLoginPage, registerConsentPage, registerErrorPage];

export { idTokenClaims } from './claims.ts';
export { demandsFreshLogin } from './fresh-login.ts';
