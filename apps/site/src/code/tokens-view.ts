/**
 * The tokens of this browser's run, shown to it alone (the point of the playground): each as
 * received, then decoded and checked by tokens/ — the ID token with every OpenID Connect Core
 * §3.1.3.7 check against what this run sent (nonce, max_age, acr_values), a JWT access token as its
 * resource server would; an opaque token says so.
 */
import type { OAuth2Context } from '@olympus/oauth2';
import { html, type SafeHtml } from '@olympus/http';
import type { JSONWebKeySet } from 'jose';
import type { Translator } from '../i18n/translator.ts';
import type { HeldTokens, PlaygroundSession } from '../session/state.ts';
import { checkAccessToken, checkIdToken, renderToken, type IdTokenExpectations, type TokenCheck } from '../tokens/index.ts';

/**
 * Where the tokens came from. A refresh request sends no nonce and no max_age, so a refreshed ID token
 * is not held to them (OIDC Core §12.2; §3.1.3.7 (11) applies "if a nonce value was sent").
 */
export type TokenOrigin = 'authentication' | 'refresh';

const expectationsOf = (ctx: OAuth2Context, session: PlaygroundSession, tokens: HeldTokens, origin: TokenOrigin): IdTokenExpectations => {
  const { max_age: maxAge, acr_values: acr } = session.settings;
  const fromRequest = origin === 'authentication';
  return {
    issuer: ctx.config.urls.issuer,
    clientId: session.settings.client_id,
    now: ctx.now(),
    ...(session.nonce === undefined || !fromRequest ? {} : { nonce: session.nonce }),
    ...(maxAge === '' || !fromRequest ? {} : { maxAge: Number(maxAge) }),
    ...(acr === '' ? {} : { acrValues: acr.split(' ') }),
    ...(tokens.access_token === undefined ? {} : { accessToken: tokens.access_token }),
  };
};

const one = (t: Translator, id: string, title: string, token: string | undefined, checks: readonly TokenCheck[] | undefined, now: number): SafeHtml =>
  token === undefined ? html`` : html`<div class="token-run" id="${id}">${renderToken(t, { title, token, now, level: 3, ...(checks === undefined ? {} : { checks }) })}
<details class="card"><summary>${t.t('run.tokens.raw', { name: title })}</summary><pre>${token}</pre></details></div>`;

export const renderTokens = async (ctx: OAuth2Context, t: Translator, session: PlaygroundSession, tokens: HeldTokens, origin: TokenOrigin = 'authentication'): Promise<SafeHtml> => {
  const jwks = (await ctx.keys.publicJwks()) as JSONWebKeySet;
  const now = ctx.now();
  const idChecks = tokens.id_token === undefined ? undefined : await checkIdToken(tokens.id_token, jwks, expectationsOf(ctx, session, tokens, origin));
  const accessChecks = tokens.access_token === undefined ? undefined : await checkAccessToken(tokens.access_token, jwks, { issuer: ctx.config.urls.issuer, now });
  return html`<h2 id="tokens">${t.t('run.tokens.title')}</h2>
${one(t, 'id-token', t.t('run.tokens.id_token'), tokens.id_token, idChecks, now)}
${one(t, 'access-token', t.t('run.tokens.access_token'), tokens.access_token, accessChecks, now)}
${one(t, 'refresh-token', t.t('run.tokens.refresh_token'), tokens.refresh_token, undefined, now)}`;
};
