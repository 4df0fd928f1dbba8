/**
 * The playground's pages: product name and the three tools as navigation in the shared frame
 * (packages/http page-frame.ts: skip link, one <main>, no-store, as pages can show tokens of this
 * browser's run). They carry Olympus' page CSP.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, sendFramedPage, type SafeHtml } from '@olympus/http';
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
      sendFramedPage(reply, status, {
        lang: t.locale,
        title,
        product: t.t('shell.product'),
        stylesheets: [STYLESHEET],
        skipLabel: t.t('shell.skip'),
        header: header(t, path),
        body,
      }),
  };
};
