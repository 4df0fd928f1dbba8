/** The public site's pages beside the login UI: the OAuth2 playground at /playground (docs/playground.md). */
import type { RegisterRoutes } from '@olympus/http';
import { registerSiteAssets } from './assets.ts';
import { codeFlowRoutes } from './code/index.ts';
import { registerClientCredentialsPage } from './client-credentials/page.ts';
import { registerInspectPage } from './inspect/page.ts';

/** The playground's routes, passed to buildPublicApp as `extra` route modules when `site.playground.enabled`. */
export const siteRoutes: readonly RegisterRoutes[] = [registerSiteAssets, ...codeFlowRoutes, registerClientCredentialsPage, registerInspectPage];

export { ensurePlaygroundClient, PLAYGROUND_CLIENT_ID, PLAYGROUND_PATH, playgroundUrl } from './client.ts';
