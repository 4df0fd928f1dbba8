/**
 * Schema of the `site` section: the OAuth2 playground served on the public origin at `/playground`
 * (docs/playground.md), a server-side relying party that runs a whole Authorization Code + PKCE flow
 * against this server and checks every token.
 */
import { boolean, section } from './schema-nodes.ts';

export const siteSchemaSection = {
  site: section('Pages of the public site beside the login UI.', {
    playground: section('The OAuth2 playground at `/playground`.', {
      enabled: boolean('Serve the playground and keep its first-party public client `olympus-playground` registered.', true),
    }),
  }),
};
