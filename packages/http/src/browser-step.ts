import type { FastifyReply } from 'fastify';
import type { BrowserStep } from '@olympus/oauth2';
import { createHash } from 'node:crypto';
import { html, page } from './html.ts';
import { setCookies, type CookiePolicy } from './cookies.ts';

const AUTO_SUBMIT = "document.forms[0].submit();";
const AUTO_SUBMIT_HASH = createHash('sha256').update(AUTO_SUBMIT).digest('base64');

/**
 * Carries out a core BrowserStep: a 302 after GET, 303 after POST (never 307, RFC 9700 §4.12), or the
 * form_post page whose only script is allowed by its hash. No caching (RFC 6749 §5.1, AS-25).
 */
export const sendBrowserStep = (reply: FastifyReply, step: BrowserStep, policy: CookiePolicy, method: string): FastifyReply => {
  setCookies(reply, step.cookies, policy);
  reply.header('cache-control', 'no-store');
  if (step.kind === 'redirect') return reply.redirect(step.location, method === 'POST' ? 303 : 302);
  const origin = new URL(step.action).origin;
  const fields = Object.entries(step.fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  reply.header('content-security-policy', `default-src 'none'; script-src 'sha256-${AUTO_SUBMIT_HASH}'; form-action ${origin}; frame-ancestors 'none'; base-uri 'none'`);
  return reply.type('text/html; charset=utf-8').send(page('Continue', html`<form method="post" action="${step.action}">
${fields}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>${AUTO_SUBMIT}</script>`));
};
