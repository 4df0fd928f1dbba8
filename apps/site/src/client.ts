/**
 * The playground's own OAuth2 client (docs/playground.md): a first-party public client (PKCE, no
 * secret) whose only redirect is the playground's callback, created at start when the playground is
 * served and put back in shape when someone changed it. Idempotent across nodes.
 */
import type { OAuth2Context } from '@olympus/oauth2';

export const PLAYGROUND_CLIENT_ID = 'olympus-playground';
export const PLAYGROUND_PATH = '/playground';

/** Where the playground lives on the public origin, without a trailing slash. */
export const playgroundUrl = (ctx: Pick<OAuth2Context, 'config'>, path = ''): string =>
  `${ctx.config.serve.public.url.replace(/\/+$/, '')}${PLAYGROUND_PATH}${path}`;

const metadataOf = (ctx: OAuth2Context) => ({
  client_id: PLAYGROUND_CLIENT_ID,
  client_name: 'Olympus playground',
  token_endpoint_auth_method: 'none',
  redirect_uris: [playgroundUrl(ctx, '/callback')],
  post_logout_redirect_uris: [playgroundUrl(ctx)],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: 'openid offline_access email profile',
  skip_consent: true,
});

export const ensurePlaygroundClient = async (ctx: OAuth2Context): Promise<void> => {
  const wanted = metadataOf(ctx);
  const stored = await ctx.clients.get(PLAYGROUND_CLIENT_ID);
  if (stored === undefined) {
    await ctx.clients.create(wanted).catch(async (err: unknown) => {
      // Another node created it first: fine when it is there now.
      if ((await ctx.clients.get(PLAYGROUND_CLIENT_ID)) === undefined) throw err;
    });
    return;
  }
  const current = stored.client;
  const same = (a: readonly string[] = [], b: readonly string[]) => a.join(' ') === b.join(' ');
  if (!same(current.redirect_uris, wanted.redirect_uris) || !same(current.post_logout_redirect_uris, wanted.post_logout_redirect_uris)) {
    await ctx.clients.replace(PLAYGROUND_CLIENT_ID, { ...current, ...wanted });
  }
};
