/**
 * Home: counts of what the administrator's role may read, each leading to its section when the
 * console has one. Sign-ins are the identity sessions issued in the last 24 hours (one per sign-in,
 * registration, recovery or second-factor step: packages/identity/src/sessions/issue.ts). Failed and
 * successful sign-ins are the flow tracer's login submissions (stop 4, docs/operations/tracing.md)
 * refused and accepted since then, read through `deps.signIns`; with tracing off they are not shown.
 */
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import { can, type AdminRole, type Permission } from '@olympus/identity';
import type { MessageKey } from '../i18n/en.ts';
import type { Translator } from '../i18n/translator.ts';
import { SECTIONS } from '../sections/index.ts';

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
const traced = (signIns: HttpDeps['signIns'], since: number): Count[] => {
  if (signIns === undefined) return [];
  let counts: ReturnType<typeof signIns> | undefined;
  const once = () => (counts ??= signIns(since));
  return [
    { label: 'home.signins.failed', hint: 'home.signins.failed.hint', permission: 'identities.read', count: async () => (await once()).refused },
    { label: 'home.signins.succeeded', hint: 'home.signins.succeeded.hint', permission: 'identities.read', count: async () => (await once()).ok },
  ];
};

const countsOf = ({ ctx, identity, signIns }: HttpDeps): Count[] => {
  const now = ctx.now();
  const people: Count[] = identity === undefined ? [] : [
    { label: 'home.identities', path: '/identities', permission: 'identities.read', count: () => identity.storage.identities.countIdentities() },
    { label: 'home.sessions', hint: 'home.sessions.hint', path: '/sessions', permission: 'identities.read', count: () => identity.storage.sessions.countSessions({ liveAt: now }) },
    { label: 'home.signins', hint: 'home.signins.hint', permission: 'identities.read', count: () => identity.storage.sessions.countSessions({ issuedSince: now - DAY_MS }) },
    ...traced(signIns, now - DAY_MS),
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

export const homeBody = async (deps: HttpDeps, t: Translator, role: AdminRole): Promise<SafeHtml> => {
  const shown = countsOf(deps).filter((c) => can(role, c.permission));
  const numbers = await Promise.all(shown.map((c) => c.count()));
  return html`<h1>${t.t('home.heading')}</h1>
<ul class="counts">
${shown.map((c, index) => card(t, role, c, numbers[index] ?? 0))}
</ul>`;
};
