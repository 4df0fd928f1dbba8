import type { RegisterRoutes } from '@olympus/http';
import { accountRoutes } from './account/index.ts';
import { registerConsentPage } from './consent.ts';
import { registerErrorPage } from './error.ts';
import { registerLoginPage } from './login.ts';
import { registerLogoutPage } from './logout/page.ts';
import { registerHeraAssets } from './shell/assets.ts';

/** Hera's pages on the public origin, passed to buildPublicApp as its `extra` route modules. */
export const heraRoutes: readonly RegisterRoutes[] = [registerHeraAssets, registerLoginPage, registerLogoutPage, registerConsentPage, registerErrorPage, ...accountRoutes];

export { idTokenClaims, type ClaimMappings } from './claims.ts';
export { demandsFreshLogin } from './fresh-login.ts';
export { pickLocale, LOCALES, type Locale } from './i18n/locale.ts';
export { translator, CATALOGS, type Translator } from './i18n/translator.ts';
export { EN } from './i18n/en.ts';
