/**
 * The playground's run driven by the cookie-jar browser (test/support/browser.ts): its forms posted
 * with the session's CSRF token, the authorization walked through Hera with the demo user up to the
 * playground's callback.
 */
import assert from 'node:assert/strict';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@olympus/server';
import type { Browser, Hop } from './browser.ts';
import { signInAt } from './hera-walk.ts';

const unescape = (text: string): string => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export const csrfOf = (body: string): string => {
  const m = /name="csrf_token" value="([^"]+)"/.exec(body);
  assert.ok(m, 'the page carries a CSRF token');
  return m[1];
};

/** The href of the element with `id` (HTML-unescaped). */
export const hrefOf = (body: string, id: string): string => {
  const m = new RegExp(`id="${id}" href="([^"]+)"|href="([^"]+)"[^>]*id="${id}"`).exec(body);
  assert.ok(m, `the page has a link #${id}`);
  return unescape(m[1] ?? m[2]);
};

export const postForm = (browser: Browser, url: string, form: Record<string, string>): Promise<Hop> =>
  browser.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

/** GET /playground, then POST /playground/authorize with `settings`; the authorize page and its URL. */
export const buildAuthorization = async (browser: Browser, publicUrl: string, settings: Record<string, string> = {}) => {
  const setup = await browser.get(`${publicUrl}/playground`);
  assert.equal(setup.status, 200, setup.body.slice(0, 500));
  const page = await postForm(browser, `${publicUrl}/playground/authorize`, { csrf_token: csrfOf(setup.body), client_id: 'olympus-playground', ...settings });
  return { page, url: page.status === 200 ? hrefOf(page.body, 'go') : '' };
};

/** How the authorization response reached the callback: a redirect (query) or a form to post (form_post). */
export type CallbackDelivery = { kind: 'query'; url: string } | { kind: 'form_post'; action: string; fields: Record<string, string> };

const formPostOf = (hop: Hop): CallbackDelivery | undefined => {
  const action = /<form method="post" action="([^"]+)"/.exec(hop.body)?.[1];
  if (action === undefined) return undefined;
  const fields = Object.fromEntries([...hop.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescape(m[2])]));
  return { kind: 'form_post', action: unescape(action), fields };
};

/** Follows the authorization through Hera's login (demo user) until the answer for the playground's callback. */
export const signInToCallback = async (browser: Browser, publicUrl: string, authorizationUrl: string, identifier = DEMO_EMAIL, password = DEMO_PASSWORD): Promise<CallbackDelivery> => {
  const start = await browser.get(authorizationUrl);
  assert.equal(start.status, 302, start.body.slice(0, 500));
  const hera = await browser.get(new URL(start.location!, publicUrl).toString());
  const submitted = await signInAt(browser, publicUrl, hera, identifier, password);
  assert.equal(submitted.status, 303, submitted.body.slice(0, 500));
  let hop = await browser.get(new URL(submitted.location!, publicUrl).toString());
  while (hop.location !== null && !hop.location.startsWith(`${publicUrl}/playground/callback`)) hop = await browser.get(new URL(hop.location, publicUrl).toString());
  if (hop.location !== null) return { kind: 'query', url: hop.location };
  const form = formPostOf(hop);
  assert.ok(form, `the authorization ends at the playground's callback: ${hop.status} ${hop.body.slice(0, 300)}`);
  return form;
};

/** Delivers the authorization response to the callback as the browser would. */
export const deliver = (browser: Browser, delivery: CallbackDelivery): Promise<Hop> =>
  delivery.kind === 'query' ? browser.get(delivery.url) : postForm(browser, delivery.action, delivery.fields);

/** The statuses of every token check the page lists (data-status of tokens/render.ts), by check id. */
export const checkStatuses = (body: string, section: string): Array<[string, string]> => {
  const at = body.indexOf(`id="${section}"`);
  assert.ok(at >= 0, `the page shows #${section}`);
  const end = body.indexOf('</ul>', at);
  return [...body.slice(at, end).matchAll(/data-check="([^"]+)" data-status="([^"]+)"/g)].map((m) => [m[1], m[2]]);
};
