/**
 * The header navigation of a signed-in user's pages: Account, Settings, Devices, and Sign out as a
 * POST form (GET never changes state) carrying a Hera form token for the subject `signout`, which
 * POST /logout checks before it ends the identity session.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';

export type AccountPage = 'home' | 'settings' | 'sessions';

const LINKS: ReadonlyArray<{ page: AccountPage; href: string; key: 'shell.nav.account' | 'shell.nav.settings' | 'shell.nav.sessions' }> = [
  { page: 'home', href: '/', key: 'shell.nav.account' },
  { page: 'settings', href: '/settings', key: 'shell.nav.settings' },
  { page: 'sessions', href: '/sessions', key: 'shell.nav.sessions' },
];

/** `current`: the page shown, marked with aria-current (WAI-ARIA 1.2 §6.6) for screen readers. */
export const accountNav = (t: Translator, signOutToken: string, current?: AccountPage): SafeHtml =>
  html`<nav aria-label="${t.t('shell.nav')}"><ul>
${LINKS.map((link) => html`<li><a href="${link.href}"${link.page === current ? html` aria-current="page"` : ''}>${t.t(link.key)}</a></li>`)}
<li><form method="post" action="/logout"><input type="hidden" name="csrf_token" value="${signOutToken}"><button type="submit">${t.t('shell.nav.signout')}</button></form></li>
</ul></nav>`;
