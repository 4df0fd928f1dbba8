/**
 * What a token response gives the run: on success the tokens are taken into the session (replacing
 * the previous ones) and shown with their checks; an error response (RFC 6749
 * §5.2) is explained with its troubleshooting page.
 */
import type { OAuth2Context } from '@olympus/oauth2';
import { html, troubleshootingUrl, type SafeHtml } from '@olympus/http';
import { jsonOf, type HttpExchange } from '../http-exchange.ts';
import type { Translator } from '../i18n/translator.ts';
import type { HeldTokens, PlaygroundSession } from '../session/state.ts';
import { renderTokens, type TokenOrigin } from './tokens-view.ts';

const stringField = (json: Record<string, unknown>, name: string): string | undefined => (typeof json[name] === 'string' ? (json[name] as string) : undefined);

/** An OAuth2 error body (RFC 6749 §5.2) in words with its troubleshooting page. */
export const errorNote = (t: Translator, ctx: OAuth2Context, json: Record<string, unknown> | undefined): SafeHtml => {
  const code = json === undefined ? undefined : stringField(json, 'error');
  if (code === undefined || !/^[\w.-]{1,64}$/.test(code)) return html`<div class="card" role="alert"><p class="fail">${t.t('result.failed')}</p></div>`;
  const doc = troubleshootingUrl(ctx.config.serve.public.url.replace(/\/+$/, ''), code);
  return html`<div class="card" role="alert"><p class="fail">${t.t('result.error', { error: code })}</p>
${json?.error_description === undefined ? '' : html`<p>${String(json.error_description)}</p>`}<p><a href="${doc}">${t.t('callback.error.doc', { error: code })}</a></p></div>`;
};

/** The tokens of a successful token response, or undefined. */
export const tokensOf = (exchange: HttpExchange): HeldTokens | undefined => {
  const json = jsonOf(exchange);
  if (exchange.response.status !== 200 || json === undefined || stringField(json, 'access_token') === undefined) return undefined;
  const pick = (name: keyof HeldTokens) => (stringField(json, name) === undefined ? {} : { [name]: stringField(json, name) });
  return { ...pick('access_token'), ...pick('refresh_token'), ...pick('id_token') };
};

/** Takes the response's tokens into `session` (mutated) and renders them, or explains the error. */
export const tokenResults = async (ctx: OAuth2Context, t: Translator, session: PlaygroundSession, exchange: HttpExchange, origin: TokenOrigin = 'authentication'): Promise<SafeHtml> => {
  const tokens = tokensOf(exchange);
  if (tokens === undefined) return errorNote(t, ctx, jsonOf(exchange));
  // A refresh response may leave out what stays valid (an ID token): the run keeps it.
  session.tokens = { ...session.tokens, ...tokens };
  return renderTokens(ctx, t, session, tokens, origin);
};
