/**
 * What every Hera page handler starts with: the language for this request and a `send` that wraps
 * a body in the page frame. Pages never set `cache-control` themselves: they are all `no-store`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { PAGE_CSP, sendFramedPage, type SafeHtml } from '@olympus/http';
import { pickLocale } from '../i18n/locale.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { frameOf } from './layout.ts';

export interface SendOptions {
  status?: number;
  nav?: SafeHtml;
  /** The page carries a passkey or security-key button: load Hera's WebAuthn script. */
  script?: boolean;
}

/** The page's CSP (another module may have widened form-action already) with `script-src 'self'` added. */
const allowOwnScript = (reply: FastifyReply): void => {
  const current = String(reply.getHeader('content-security-policy') ?? PAGE_CSP);
  if (!current.includes('script-src')) reply.header('content-security-policy', current.replace("default-src 'none';", "default-src 'none'; script-src 'self';"));
};

export interface Shell {
  t: Translator;
  send(reply: FastifyReply, title: string, body: SafeHtml, options?: SendOptions): FastifyReply;
}

/** `uiLocales`: the OAuth2 request's ui_locales, when the page serves an authorization. */
/** The texts of this request's language (ui_locales, else Accept-Language, else the default). */
export const translatorFor = (req: FastifyRequest, config: OlympusConfig, uiLocales?: string): Translator => {
  const header = req.headers['accept-language'];
  return translator(pickLocale(config, Array.isArray(header) ? header.join(',') : header, uiLocales));
};

export const shellFor = (req: FastifyRequest, config: OlympusConfig, uiLocales?: string): Shell => {
  const t = translatorFor(req, config, uiLocales);
  return {
    t,
    send: (reply, title, body, { status = 200, nav, script = false } = {}) => {
      if (script) allowOwnScript(reply);
      return sendFramedPage(reply, status, frameOf({ t, hera: config.hera, title, body, nav, script }));
    },
  };
};
