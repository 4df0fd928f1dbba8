/**
 * An identity's OAuth2 consent sessions (its subject's grants, the same listConsentSessions as GET
 * /admin/oauth2/auth/sessions/consent): which client holds which scopes and audience, remembered or
 * not, since when; newest first, in keyset pages of their own (`consents=<token>`).
 */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type HttpDeps, type SafeHtml } from '@olympus/http';
import { listConsentSessions, type ConsentSessionCursor } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { queryParam } from '../lists.ts';
import { instant } from '../audit/when.ts';

const PAGE_SIZE = 10;
const PAGE_ENDPOINT = 'athena-consent-sessions';

const isCursor = (value: unknown): value is ConsentSessionCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as ConsentSessionCursor).handledAt) && typeof (value as ConsentSessionCursor).id === 'string';

export const consentsPart = async (deps: HttpDeps, req: FastifyRequest, t: Translator, subject: string, clientLinks: boolean): Promise<SafeHtml> => {
  const { ctx } = deps;
  const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, queryParam(req, 'consents'), isCursor);
  const { sessions, next } = await listConsentSessions(ctx, { subject, pageSize: PAGE_SIZE, before });
  const more = next
    ? html`<p><a href="/identities/${subject}?${new URLSearchParams({ consents: sealPageToken(ctx.sealer, PAGE_ENDPOINT, next) })}#consents">${t.t('identity.consents.more')}</a></p>`
    : html``;
  const client = (id: string, name: string | undefined): SafeHtml =>
    clientLinks ? html`<a href="/clients/${encodeURIComponent(id)}">${name || id}</a>` : html`${name || id}`;
  const list = (values: readonly string[]): string => (values.length === 0 ? t.t('identity.none') : values.join(' '));
  return html`<h2 id="consents">${t.t('identity.consents')}</h2>${sessions.length === 0 ? html`<p>${t.t('identity.consents.none')}</p>` : html`<table>
<thead><tr><th scope="col">${t.t('identity.consent.client')}</th><th scope="col">${t.t('identity.consent.scope')}</th><th scope="col">${t.t('identity.consent.audience')}</th><th scope="col">${t.t('identity.consent.remember')}</th><th scope="col">${t.t('identity.consent.granted')}</th></tr></thead>
<tbody>${sessions.map((s) => html`<tr>
<td data-label="${t.t('identity.consent.client')}">${client(s.consentRequest.clientId, s.consentRequest.client?.client_name)}</td>
<td data-label="${t.t('identity.consent.scope')}">${list(s.grantScope)}</td>
<td data-label="${t.t('identity.consent.audience')}">${list(s.grantAudience)}</td>
<td data-label="${t.t('identity.consent.remember')}">${t.t(s.remember ? 'identity.yes' : 'identity.no')}</td>
<td data-label="${t.t('identity.consent.granted')}">${s.handledAt === null ? t.t('identity.none') : instant(t, s.handledAt)}</td>
</tr>`)}</tbody></table>`}${more}`;
};
