/**
 * Athena signs administrators in as an OAuth2 client of Olympus itself: a first-party public client
 * (authorization code + PKCE, consent skipped) whose callback is on the admin origin. Created, or put
 * back in shape, at every start, so an operator never registers it by hand.
 */
import type { OlympusConfig } from '@olympus/config';
import type { OAuth2Context } from '@olympus/oauth2';

export const ATHENA_CLIENT_ID = 'olympus-athena';

export const callbackUrlOf = (config: OlympusConfig): string => new URL('/sign-in/callback', config.serve.admin.url).toString();

const metadataOf = (config: OlympusConfig) => ({
  client_id: ATHENA_CLIENT_ID,
  client_name: 'Athena (Olympus admin console)',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  scope: 'openid',
  redirect_uris: [callbackUrlOf(config)],
  skip_consent: true,
  skip_logout_consent: true,
});

/** Idempotent: a missing client is created, one whose callback no longer matches the admin URL is updated. */
export const ensureAthenaClient = async (ctx: OAuth2Context): Promise<void> => {
  const wanted = metadataOf(ctx.config);
  const stored = await ctx.clients.get(ATHENA_CLIENT_ID);
  if (stored === undefined) {
    await ctx.clients.create(wanted).catch(async (err: unknown) => {
      // Another node created it first: fine when it is there now.
      if ((await ctx.clients.get(ATHENA_CLIENT_ID)) === undefined) throw err;
    });
    return;
  }
  const current = stored.client;
  if (current.redirect_uris.join(' ') !== wanted.redirect_uris.join(' ') || !current.skip_consent) {
    await ctx.clients.replace(ATHENA_CLIENT_ID, { ...current, ...wanted });
  }
};
