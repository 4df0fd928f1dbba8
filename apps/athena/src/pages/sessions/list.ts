/** Sessions: every identity session not revoked, oldest first in keyset pages (the admin API's listAllSessions), each with its identity. */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type HttpDeps, type SafeHtml } from '@olympus/http';
import { findIdentity, listAllSessions, type Identity } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { nextPageLink, queryParam } from '../lists.ts';
import { peopleOf } from '../identities/lookup.ts';
import { doneNotice } from '../identities/notice.ts';
import { sessionsTable, type SessionRow } from './table.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-sessions';

type Position = { issuedAt: number; id: string };
const isPosition = (v: unknown): v is Position =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as Position).issuedAt) && typeof (v as Position).id === 'string';

export const sessionsListBody = async (deps: HttpDeps, req: FastifyRequest, admin: Admin, canRevoke: boolean): Promise<SafeHtml> => {
  const people = peopleOf(deps);
  const { t } = admin.page;
  const after = openPageToken(people.sealer, PAGE_ENDPOINT, queryParam(req, 'page'), isPosition);
  const { sessions, next } = await listAllSessions(people, { limit: PAGE_SIZE, active: true, after });
  const identities = new Map<string, Identity | undefined>();
  for (const id of new Set(sessions.map((s) => s.identity_id))) identities.set(id, await findIdentity(people, id));
  const rows: SessionRow[] = sessions.map((session) => ({ session, identity: identities.get(session.identity_id) }));
  const table = rows.length === 0
    ? html`<p>${t.t('sessions.none')}</p>`
    : sessionsTable({ t, now: deps.ctx.now(), withIdentity: true, canRevoke, back: 'sessions' }, rows);
  return html`<h1>${t.t('sessions.title')}</h1>
${doneNotice(t, req, { revoked: 'sessions.done.revoked' })}
<p>${t.t('sessions.intro')}</p>
${table}
${nextPageLink('/sessions', {}, next && sealPageToken(people.sealer, PAGE_ENDPOINT, next), t.t('sessions.next'))}`;
};
