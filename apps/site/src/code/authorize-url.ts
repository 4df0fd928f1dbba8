/**
 * The authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1) with PKCE S256 (RFC 7636 §4.3):
 * its parameters in order, each once, the optional ones only when set.
 */
import { endpointsOf, type OAuth2Context } from '@olympus/oauth2';
import { playgroundUrl } from '../client.ts';
import { pkceChallenge, type PendingAuthorization } from '../session/state.ts';
import { PARAMETERS, type Settings } from '../settings.ts';

export const callbackUrl = (ctx: Pick<OAuth2Context, 'config'>): string => playgroundUrl(ctx, '/callback');

export const authorizationParams = (ctx: Pick<OAuth2Context, 'config'>, settings: Settings, pending: PendingAuthorization): Array<[string, string]> => {
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', settings.client_id],
    ['redirect_uri', callbackUrl(ctx)],
    ['scope', settings.scope],
    ['state', pending.state],
    ['nonce', pending.nonce],
    ['code_challenge', pkceChallenge(pending.verifier)],
    ['code_challenge_method', 'S256'],
  ];
  for (const name of PARAMETERS) {
    // query is the default response mode of the code flow (OAuth 2.0 Multiple Response Types §5): not sent.
    if (name === 'scope' || settings[name] === '' || (name === 'response_mode' && settings[name] === 'query')) continue;
    params.push([name, settings[name]]);
  }
  return params.filter(([, value]) => value !== '');
};

export const authorizationUrl = (ctx: Pick<OAuth2Context, 'config'>, params: ReadonlyArray<[string, string]>): string => {
  const url = new URL(endpointsOf(ctx.config).authorization);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url.toString();
};
