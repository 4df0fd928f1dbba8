/**
 * Athena's page frame: the console navigation, who is signed in with a sign-out form, a skip link and
  * one <main>. Pages are no-store and carry a CSP of 'self' only (the copy script is same-origin).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, PAGE_CSP, type SafeHtml } from '@olympus/http';
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
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-language', t.locale)
        .header('content-security-policy', ATHENA_CSP)
        .send(html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.t('shell.product')}</title>
<link rel="stylesheet" href="${ASSETS.css}">
<script src="${ASSETS.js}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t.t('shell.skip')}</a>
${header(t, req.url, who)}
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>
`.value),
  };
};
