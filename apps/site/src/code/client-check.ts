/**
 * Whether a client can run the playground's flow: it exists, has the playground's callback among its
 * redirect URIs (RFC 6749 §3.1.2.3: an exact match), and how it authenticates at the token endpoint.
 * When the callback is missing the page prints the exact command that adds it, repeating the URIs
 * the client has, because `olympus update oauth2-client --redirect-uri` replaces the whole list.
 */
import type { OAuth2Context } from '@olympus/oauth2';
import { html, type SafeHtml } from '@olympus/http';
import { playgroundUrl } from '../client.ts';
import type { Translator } from '../i18n/translator.ts';

export interface ClientFacts {
  id: string;
  found: boolean;
  redirectUris: readonly string[];
  hasCallback: boolean;
  /** `none` for a public client; client_secret_basic / client_secret_post need the secret. */
  authMethod: string;
}

export const clientFacts = async (ctx: OAuth2Context, id: string): Promise<ClientFacts> => {
  const stored = await ctx.clients.get(id);
  const redirectUris = stored?.client.redirect_uris ?? [];
  return { id, found: stored !== undefined, redirectUris, hasCallback: redirectUris.includes(playgroundUrl(ctx, '/callback')), authMethod: stored?.client.token_endpoint_auth_method ?? 'none' };
};

/** Secret-based methods the playground can use; private_key_jwt and mTLS need a key it does not hold. */
export const usesSecret = (facts: ClientFacts): boolean => facts.authMethod === 'client_secret_basic' || facts.authMethod === 'client_secret_post';
export const canAuthenticate = (facts: ClientFacts): boolean => facts.authMethod === 'none' || usesSecret(facts);

/** A shell word: quoted when it holds anything a shell would read specially. */
const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

export const addCallbackCommand = (ctx: OAuth2Context, facts: ClientFacts): string =>
  ['olympus update oauth2-client', shellWord(facts.id), ...[...facts.redirectUris, playgroundUrl(ctx, '/callback')].map((u) => `--redirect-uri ${shellWord(u)}`)].join(' ');

const athenaClientUrl = (ctx: OAuth2Context, id: string): string | undefined =>
  ctx.config.athena.enabled ? `${ctx.config.serve.admin.url.replace(/\/+$/, '')}/clients/${encodeURIComponent(id)}` : undefined;

/** What keeps this client from the run, in words, or nothing when it can run. */
export const clientProblem = (t: Translator, ctx: OAuth2Context, facts: ClientFacts): SafeHtml | undefined => {
  if (!facts.found) return html`<div class="card" role="alert"><p class="fail">${t.t('client.unknown', { id: facts.id })}</p></div>`;
  if (!canAuthenticate(facts)) return html`<div class="card" role="alert"><p class="fail">${t.t('client.method', { id: facts.id, method: facts.authMethod })}</p></div>`;
  if (facts.hasCallback) return undefined;
  const athena = athenaClientUrl(ctx, facts.id);
  return html`<div class="card" role="alert" id="missing-callback">
<p class="fail">${t.t('client.no_callback', { id: facts.id, callback: playgroundUrl(ctx, '/callback') })}</p>
<p>${t.t('client.no_callback.command')}</p>
<pre>${addCallbackCommand(ctx, facts)}</pre>
${athena === undefined ? '' : html`<p>${t.t('client.no_callback.athena')} <a href="${athena}">${athena}</a></p>`}
</div>`;
};
