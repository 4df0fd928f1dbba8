/**
 * Hera's page frame: language attribute, product name or logo linking home, optional account
 * navigation, a skip link and one <main> landmark. Nothing external, and no script but the
 * same-origin WebAuthn one on pages with a passkey button (assets.ts).
 */
import type { OlympusConfig } from '@olympus/config';
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { WEBAUTHN_SCRIPT } from '@olympus/identity';
import { ASSET_PATHS } from './assets.ts';

export interface LayoutInput {
  t: Translator;
  hera: OlympusConfig['hera'];
  title: string;
  body: SafeHtml;
  /** Shown in the header on pages of a signed-in user. */
  nav?: SafeHtml;
  /** Load the WebAuthn script (the page's CSP then allows `script-src 'self'`, shell.ts). */
  script?: boolean;
}

const brand = ({ t, hera }: LayoutInput): SafeHtml => {
  const label = t.t('shell.home', { product: hera.productName });
  return hera.logo
    ? html`<a class="home" href="/" aria-label="${label}"><img src="${ASSET_PATHS.logo}" alt=""><span>${hera.productName}</span></a>`
    : html`<a class="home" href="/" aria-label="${label}">${hera.productName}</a>`;
};

export const layout = (input: LayoutInput): string =>
  html`<!doctype html>
<html lang="${input.t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · ${input.hera.productName}</title>
<link rel="stylesheet" href="${ASSET_PATHS.theme}">
<link rel="stylesheet" href="${ASSET_PATHS.css}">
${input.script ? html`<script src="${ASSET_PATHS.webauthn}" integrity="${WEBAUTHN_SCRIPT.integrity}" defer></script>
` : ''}</head>
<body>
<a class="skip-link" href="#main">${input.t.t('shell.skip')}</a>
<header class="brand">
${brand(input)}
${input.nav ?? ''}
</header>
<main id="main" tabindex="-1">
${input.body}
</main>
</body>
</html>
`.value;
