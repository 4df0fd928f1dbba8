/**
 * The playground's page frame: product name, the three tools as navigation, a skip link and one
 * <main>. Pages are no-store (they can show tokens of this browser's run) and carry Olympus' page CSP.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import { STYLESHEET } from './assets.ts';
import { translatorFor, type Translator } from './i18n/translator.ts';
import type { MessageKey } from './i18n/en.ts';

const NAV: ReadonlyArray<{ path: string; key: MessageKey }> = [
  { path: '/playground', key: 'nav.code' },
  { path: '/playground/client-credentials', key: 'nav.client_credentials' },
  { path: '/playground/inspect', key: 'nav.inspect' },
];

const header = (t: Translator, path: string): SafeHtml => html`<header class="top"><a class="product" href="/playground">${t.t('shell.product')}</a>
<nav aria-label="${t.t('shell.nav')}"><ul>${NAV.map((n) => html`<li><a href="${n.path}"${n.path === path ? html` aria-current="page"` : html``}>${t.t(n.key)}</a></li>`)}</ul></nav></header>`;

export interface Page {
  t: Translator;
  send(reply: FastifyReply, title: string, body: SafeHtml, status?: number): FastifyReply;
}

export const pageFor = (req: FastifyRequest): Page => {
  const t = translatorFor(req);
  const path = req.url.split('?')[0] ?? '';
  return {
    t,
    send: (reply, title, body, status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.t('shell.product')}</title>
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<a class="skip-link" href="#main">${t.t('shell.skip')}</a>
${header(t, path)}
<main id="main">
${body}
</main>
</body>
</html>`.toString()),
  };
};
