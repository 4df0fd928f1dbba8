/**
 * Home: counts of what the administrator's role may read, each leading to its section when the
 * console has one. Sign-ins are the identity sessions issued in the last 24 hours (one per sign-in,
 * registration, recovery or second-factor step: packages/identity/src/sessions/issue.ts). Failed and
 * successful sign-ins are the flow tracer's login submissions (stop 4, docs/operations/tracing.md)
 * refused and accepted since then, read through `deps.traces`; with tracing off they are not shown.
 */
import { html, type HttpDeps, type SafeHtml, type TraceReads } from '@olympus/http';
import type { TraceEvent } from '@olympus/trace';
import { can, type AdminRole, type Permission } from '@olympus/identity';
import type { MessageKey } from '../i18n/en.ts';
import type { Translator } from '../i18n/translator.ts';
import { SECTIONS } from '../sections/index.ts';
import { tracePath } from './traces/table.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Count {
  label: MessageKey;
  hint?: MessageKey;
  /** The section it leads to, when the console has it and the role may open it. */
  path?: string;
  permission: Permission;
  count(): Promise<number>;
}

/** The tracer's sign-in counts, one query for both cards. */
const traced = (traces: HttpDeps['traces'], since: number): Count[] => {
  if (traces === undefined) return [];
  let counts: ReturnType<TraceReads['signIns']> | undefined;
  const once = () => (counts ??= traces.signIns(since));
  return [
    { label: 'home.signins.failed', hint: 'home.signins.failed.hint', permission: 'identities.read', count: async () => (await once()).refused },
    { label: 'home.signins.succeeded', hint: 'home.signins.succeeded.hint', permission: 'identities.read', count: async () => (await once()).ok },
  ];
};

const countsOf = ({ ctx, identity, traces }: HttpDeps): Count[] => {
  const now = ctx.now();
  const people: Count[] = identity === undefined ? [] : [
    { label: 'home.identities', path: '/identities', permission: 'identities.read', count: () => identity.storage.identities.countIdentities() },
    { label: 'home.sessions', hint: 'home.sessions.hint', path: '/sessions', permission: 'identities.read', count: () => identity.storage.sessions.countSessions({ liveAt: now }) },
    { label: 'home.signins', hint: 'home.signins.hint', permission: 'identities.read', count: () => identity.storage.sessions.countSessions({ issuedSince: now - DAY_MS }) },
    ...traced(traces, now - DAY_MS),
  ];
  return [{ label: 'home.clients', path: '/clients', permission: 'clients.read', count: () => ctx.storage.clients.countClients() }, ...people];
};

const linkOf = (role: AdminRole, path: string | undefined): string | undefined =>
  SECTIONS.some((s) => s.path === path && can(role, s.permission)) ? path : undefined;

const card = (t: Translator, role: AdminRole, c: Count, n: number): SafeHtml => {
  const href = linkOf(role, c.path);
  const hint = c.hint ? html`<p class="hint">${t.t(c.hint)}</p>` : html``;
  const content = html`<strong>${new Intl.NumberFormat(t.locale).format(n)}</strong> ${t.t(c.label)}`;
  return html`<li>${href ? html`<a href="${href}">${content}</a>` : html`<span>${content}</span>`}${hint}</li>`;
};

const NEWEST_ERRORS = 10;

/** Why a stop was refused, in a few words: its error code, else the identity server's message ids. */
const causeOf = (event: TraceEvent): string => {
  if (event.errorCode) return event.errorCode;
  const messages = event.evidence.message_ids;
  return Array.isArray(messages) && messages.length > 0 ? messages.join(', ') : '—';
};

/** The newest refused stops the flow tracer recorded (docs/operations/tracing.md), each opening its trace, for whoever reads requests. */
const newestErrors = async (t: Translator, traces: TraceReads): Promise<SafeHtml> => {
  const events = await traces.newestRefusals(NEWEST_ERRORS);
  const rows = events.map((e) => html`<tr><td data-label="${t.t('home.errors.time')}"><a href="${tracePath(e.traceId)}">${e.time.replace('T', ' ').slice(0, 19)} UTC<span class="visually-hidden"> ${t.t('traces.open')}</span></a></td>
<td data-label="${t.t('home.errors.stop')}">${e.stop}</td><td data-label="${t.t('home.errors.client')}">${e.clientId ?? '—'}</td>
<td data-label="${t.t('home.errors.cause')}"><code>${causeOf(e)}</code></td></tr>`);
  return html`<h2>${t.t('home.errors.heading')}</h2>
${events.length === 0 ? html`<p>${t.t('home.errors.none')}</p>` : html`<table><thead><tr><th scope="col">${t.t('home.errors.time')}</th><th scope="col">${t.t('home.errors.stop')}</th><th scope="col">${t.t('home.errors.client')}</th><th scope="col">${t.t('home.errors.cause')}</th></tr></thead><tbody>${rows}</tbody></table>`}`;
};

export const homeBody = async (deps: HttpDeps, t: Translator, role: AdminRole): Promise<SafeHtml> => {
  const shown = countsOf(deps).filter((c) => can(role, c.permission));
  const numbers = await Promise.all(shown.map((c) => c.count()));
  const errors = deps.traces !== undefined && can(role, 'requests.read') ? await newestErrors(t, deps.traces) : html``;
  return html`<h1>${t.t('home.heading')}</h1>
<ul class="counts">
${shown.map((c, index) => card(t, role, c, numbers[index] ?? 0))}
</ul>
${errors}`;
};
