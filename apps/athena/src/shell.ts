/**
 * Athena's pages: the console navigation and who is signed in with a sign-out form, in the shared
 * frame (packages/http page-frame.ts: skip link, one <main>, no-store). They carry a CSP of 'self'
 * only (the copy script is same-origin).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, PAGE_CSP, sendFramedPage, type SafeHtml } from '@olympus/http';
import { ASSETS } from './assets.ts';
import { translatorFor, type Translator } from './i18n/translator.ts';
import { can, type AdminRole } from '@olympus/identity';
import type { MessageKey } from './i18n/en.ts';
import { SECTIONS } from './sections/index.ts';

export const ATHENA_CSP = `${PAGE_CSP}; script-src 'self'; connect-src 'none'`;

/** Who is signed in, for the header; absent on the sign-in and error pages of nobody. */
export interface SignedIn {
  label: string;
  role: AdminRole;
  csrf: string;
}

/** Home, then the sections the role may see. */
const navOf = (role: AdminRole): ReadonlyArray<{ path: string; key: MessageKey }> =>
  [{ path: '/', key: 'nav.home' as const }, ...SECTIONS.filter((s) => can(role, s.permission)).map((s) => ({ path: s.path, key: s.nav }))];

const isCurrent = (path: string, section: string): boolean => (section === '/' ? path === '/' : path === section || path.startsWith(`${section}/`));

const header = (t: Translator, url: string, who: SignedIn | undefined): SafeHtml => {
  const path = url.split('?')[0];
  const nav = who === undefined ? html`` : html`<nav aria-label="${t.t('shell.nav')}"><ul>${navOf(who.role).map((s) =>
    html`<li><a href="${s.path}"${isCurrent(path, s.path) ? html` aria-current="page"` : html``}>${t.t(s.key)}</a></li>`)}</ul></nav>
<div class="who"><span>${t.t('nav.signed_in_as', { who: who.label, role: t.t(`role.${who.role}`) })}</span>
<form method="post" action="/sign-out"><input type="hidden" name="csrf_token" value="${who.csrf}"><button type="submit">${t.t('nav.sign_out')}</button></form></div>`;
  return html`<header class="top"><a class="product" href="/">${t.t('shell.product')}</a>${nav}</header>`;
};

export interface Page {
  t: Translator;
  send(reply: FastifyReply, title: string, body: SafeHtml, status?: number): FastifyReply;
}

export const pageFor = (req: FastifyRequest, who?: SignedIn): Page => {
  const t = translatorFor(req);
  return {
    t,
    send: (reply, title, body, status = 200) =>
      sendFramedPage(reply.header('content-security-policy', ATHENA_CSP), status, {
        lang: t.locale,
        title,
        product: t.t('shell.product'),
        stylesheets: [ASSETS.css],
        scripts: html`<script src="${ASSETS.js}" defer></script>
`,
        skipLabel: t.t('shell.skip'),
        header: header(t, req.url, who),
        body,
      }),
  };
};
