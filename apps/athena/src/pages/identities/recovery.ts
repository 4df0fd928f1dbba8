/**
 * Create recovery code: the same createRecoveryCodeForIdentity as POST /admin/recovery/code. The link
 * and code are this POST's answer and nowhere else (no redirect, no cookie, no-store), so they are
 * shown once; the showing is recorded as recovery.code.create (a sensitive read) with when it
 * expires, never the code or the link (docs/security.md AS-46).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { can, createRecoveryCodeForIdentity, IdentityError } from '@olympus/identity';
import { recordConsoleChange } from '../../audit.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { identityLabel, identityTarget } from './label.ts';
import { identityOr404, peopleOf } from './lookup.ts';

/** identities.write or recovery.create: support staff recover accounts without the other write rights. */
export const mayCreateRecoveryCode = (admin: Pick<Admin, 'role'>): boolean => can(admin.role, 'identities.write') || can(admin.role, 'recovery.create');

const copyable = (admin: Admin, id: string, label: string, value: string) =>
  html`<div class="field"><label for="${id}">${label}</label><div class="copy"><input id="${id}" type="text" readonly value="${value}"><button type="button" class="secondary" data-copy="${id}">${admin.page.t.t('identity.copy')}</button></div></div>`;

/** When the code expires, as text inside the sentence, in UTC like every time on the console (pages/audit/when.ts). */
const expiry = (t: Translator, iso: string): string =>
  `${new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

const forbidden = (reply: FastifyReply, admin: Admin): FastifyReply => {
  const { t } = admin.page;
  return admin.page.send(reply, t.t('forbidden.title'), html`<h1>${t.t('forbidden.title')}</h1>
<div role="alert"><p>${t.t('forbidden.permission', { role: t.t(`role.${admin.role}`), permission: 'recovery.create' })}</p></div>`, 403);
};

export const createRecoveryCode = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) => {
  if (!mayCreateRecoveryCode(admin)) return forbidden(reply, admin);
  return identityOr404(deps, req, reply, admin, async (identity) => {
    const { t } = admin.page;
    const label = identityLabel(identity);
    const title = t.t('identity.recovery.title', { label });
    const back = html`<p><a href="/identities/${identity.id}">${t.t('identity.recovery.back')}</a></p>`;
    try {
      const code = await createRecoveryCodeForIdentity(peopleOf(deps), { identity_id: identity.id });
      await recordConsoleChange(deps, req, admin, {
        action: 'recovery.code.create', target: identityTarget(identity), details: { expires_at: code.expires_at, flow_type: 'browser' },
      });
      return admin.page.send(reply, title, html`<h1>${title}</h1>
<div role="status"><p>${t.t('identity.recovery.once', { expires: expiry(t, code.expires_at) })}</p></div>
<div class="card">${copyable(admin, 'recovery-link', t.t('identity.recovery.link'), code.recovery_link)}${copyable(admin, 'recovery-code', t.t('identity.recovery.code'), code.recovery_code)}</div>
${back}`);
    } catch (err) {
      if (!(err instanceof IdentityError) || err.code >= 500) throw err;
      return admin.page.send(reply, title, html`<h1>${title}</h1>
<div role="alert"><p>${t.t('identity.recovery.failed', { reason: `${err.message} ${err.reason}`.trim() })}</p></div>${back}`, err.code);
    }
  });
};
