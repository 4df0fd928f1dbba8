/**
 * Hera's pages: product name or logo linking home and optional account navigation, in the shared
 * frame (packages/http page-frame.ts: language attribute, skip link, one <main> landmark). Nothing
 * external, and no script but the same-origin WebAuthn one on pages with a passkey button (assets.ts).
 */
import type { OlympusConfig } from '@olympus/config';
import { framePage, html, type PageFrame, type SafeHtml } from '@olympus/http';
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

export const frameOf = (input: LayoutInput): PageFrame => ({
  lang: input.t.locale,
  title: input.title,
  product: input.hera.productName,
  stylesheets: [ASSET_PATHS.theme, ASSET_PATHS.css],
  scripts: input.script ? html`<script src="${ASSET_PATHS.webauthn}" integrity="${WEBAUTHN_SCRIPT.integrity}" defer></script>
` : undefined,
  skipLabel: input.t.t('shell.skip'),
  header: html`<header class="brand">
${brand(input)}
${input.nav ?? ''}
</header>`,
  body: input.body,
});

/** The whole page as text, for renderers that answer it themselves (error.ts). */
export const layout = (input: LayoutInput): string => framePage(frameOf(input));
