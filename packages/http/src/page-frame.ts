/**
 * The frame every server-rendered page of Hera, Athena and the playground shares (docs/architecture.md
 * §1: they sit side by side in layer 4 and meet here): the language attribute, the viewport, the
 * same-origin stylesheets and scripts (the page CSP allows nothing else, security-headers.ts), a skip
 * link to the one <main> landmark (WCAG 2.2 §2.4.1), and the no-store answer that carries it. The header,
 * its navigation and the CSP stay with each app.
 */
import type { FastifyReply } from 'fastify';
import { html, type SafeHtml } from './html.ts';

export interface PageFrame {
  /** The BCP 47 language of the page's texts, for `<html lang>` and `Content-Language`. */
  lang: string;
  title: string;
  /** What the title ends with after a middle dot: the product's name. */
  product: string;
  /** Same-origin stylesheet paths, in cascade order. */
  stylesheets: readonly string[];
  /** `<script>` elements of same-origin scripts, when the page needs any. */
  scripts?: SafeHtml;
  skipLabel: string;
  /** The whole `<header>` element, with the app's own navigation. */
  header: SafeHtml;
  body: SafeHtml;
}

// tabindex="-1" lets the skip link move keyboard focus into <main>, not only scroll to it.
export const framePage = (frame: PageFrame): string =>
  html`<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${frame.product}</title>
${frame.stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">
`)}${frame.scripts ?? ''}</head>
<body>
<a class="skip-link" href="#main">${frame.skipLabel}</a>
${frame.header}
<main id="main" tabindex="-1">
${frame.body}
</main>
</body>
</html>
`.value;

/** A framed page answered: never stored, since pages show this browser's session or tokens. */
export const sendFramedPage = (reply: FastifyReply, status: number, frame: PageFrame): FastifyReply =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', frame.lang)
    .send(framePage(frame));
