/**
 * One login or consent challenge, as `olympus get login-request` shows it: pending, or accepted,
 * rejected, used or expired, with the request. The core says how a closed request ended through the
 * error's typed `closed`; its redirect_to (a verifier URL for an accepted or rejected request) is
 * never shown: only the browser that completed the step may have it (docs/security.md AS-21).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import {
  getConsentRequest, getLoginRequest, NotFound, RequestExpired, RequestHandled,
  type ClosedRequest, type ConsentRequest, type LoginRequest, type OAuth2Context,
} from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { queryParam } from '../lists.ts';
import { instant, relative } from '../audit/when.ts';
import { lookupForm } from './lookup-form.ts';
import { tracePath } from '../traces/table.ts';

type ChallengeStatus = 'pending' | ClosedRequest['status'];

type Found =
  | { kind: 'login'; status: ChallengeStatus; request: LoginRequest }
  | { kind: 'consent'; status: ChallengeStatus; request: ConsentRequest };

/** Where the challenge stands, or undefined when no request of that kind has it. */
const findChallenge = async (ctx: OAuth2Context, kind: 'login' | 'consent', challenge: string): Promise<Found | undefined> => {
  try {
    return kind === 'login'
      ? { kind, status: 'pending', request: await getLoginRequest(ctx, challenge) }
      : { kind, status: 'pending', request: await getConsentRequest(ctx, challenge) };
  } catch (err) {
    if (err instanceof NotFound) return undefined;
    if (!(err instanceof RequestHandled || err instanceof RequestExpired) || err.closed === undefined) throw err;
    const { closed } = err;
    // Only the status and the request are taken: closed.redirectTo stays behind (AS-21).
    if (closed.kind === 'login') return { kind: 'login', status: closed.status, request: closed.request };
    if (closed.kind === 'consent') return { kind: 'consent', status: closed.status, request: closed.request };
    throw err;
  }
};

const list = (t: Translator, values: readonly string[]): string => (values.length === 0 ? t.t('requests.detail.none') : values.join(' '));

const details = (t: Translator, found: Found, now: number): SafeHtml => {
  const r = found.request;
  const kindName = t.t(`requests.kind.${found.kind}`);
  const item = (label: Parameters<Translator['t']>[0], value: unknown): SafeHtml => html`<dt>${t.t(label)}</dt><dd>${value}</dd>`;
  return html`<dl class="details">
${item('requests.status', html`<strong>${t.t(`requests.status.${found.status}`, { kind: kindName })}</strong>`)}
${item('requests.detail.challenge', html`<code>${r.challenge}</code>`)}
${item('requests.detail.client_id', html`<code>${r.clientId}</code>`)}
${item('requests.detail.client_name', r.client?.client_name || t.t('requests.detail.none'))}
${item('requests.detail.subject', r.subject || t.t('requests.subject.unknown'))}
${item('requests.detail.skip', t.t(r.skip ? 'requests.yes' : 'requests.no'))}
${item('requests.detail.scope', list(t, r.requestedScope))}
${item('requests.detail.audience', list(t, r.requestedAudience))}
${item('requests.detail.request_url', html`<code>${r.requestUrl}</code>`)}
${item('requests.detail.requested_at', html`${instant(t, r.requestedAt)} (${relative(t, r.requestedAt, now)})`)}
${item('requests.detail.expires_at', html`${instant(t, r.expiresAt)} (${relative(t, r.expiresAt, now)})`)}
${found.kind === 'consent' ? html`${item('requests.detail.acr', found.request.acr || t.t('requests.detail.none'))}${item('requests.detail.amr', list(t, found.request.amr))}` : html``}
${item('requests.detail.trace_id', html`<a href="${tracePath(r.traceId)}"><code>${r.traceId}</code></a>`)}
</dl>`;
};

export const showChallenge = async (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { t } = admin.page;
  const kind = queryParam(req, 'kind') === 'consent' ? 'consent' : 'login';
  const challenge = queryParam(req, 'challenge');
  const kindName = t.t(`requests.kind.${kind}`);
  const again = (error: string, status: number) =>
    admin.page.send(reply, t.t('requests.lookup.heading'), html`<h1>${t.t('requests.lookup.heading')}</h1>
<div role="alert"><p>${error}</p></div>
${lookupForm(t, { kind, challenge, error })}
<p><a href="/requests">${t.t('requests.back')}</a></p>`, status);
  if (challenge === '') return again(t.t('requests.lookup.missing'), 400);
  const found = await findChallenge(ctx, kind, challenge);
  if (found === undefined) return again(t.t('requests.lookup.unknown', { kind: kindName }), 404);
  const title = t.t('requests.lookup.title', { kind: kindName });
  return admin.page.send(reply, title, html`<h1>${title}</h1>
<div class="card">${details(t, found, ctx.now())}</div>
${lookupForm(t, { kind, challenge: '' })}
<p><a href="/requests">${t.t('requests.back')}</a></p>`);
};
