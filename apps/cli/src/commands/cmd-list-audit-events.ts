/**
 * `olympus list audit-events`: GET /admin/audit-events (docs/operations/audit.md), newest first, one
 * keyset page; the next page token comes from the `Link: <…?page_token=…>; rel="next"` header
 * (RFC 8288).
 */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { auditEventsView, type AuditEventResponse } from '../audit/audit-event-view.ts';
import { adminApi } from '../http/clients.ts';
import { nextPageToken } from '../http/link-header.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const listAuditEvents: Command = {
  verb: 'list',
  nouns: ['audit-events', 'audit-event', 'audit'],
  summary: 'List audit events (changes made through the admin API and the console), newest first',
  args: noArgs,
  options: {
    actor: { type: 'string', value: 'id', description: 'only changes by this actor: an API key name (key-…), local, or an identity id' },
    target: { type: 'string', value: 'id', description: 'only changes to this target: a client id, identity id, session id, key set/kid, …' },
    'target-type': { type: 'string', value: 'type', description: 'only changes to targets of this type: client | key | key_set | identity | session | subject | login_session' },
    action: { type: 'string', value: 'action', description: 'only this action (client.update) or family (client, client.secret)' },
    'page-size': { type: 'string', value: 'n', description: 'events per page (server default: 250)' },
    'page-token': { type: 'string', value: 'token', description: 'page token printed by the previous call' },
    ...adminOptions,
  },
  details: 'Examples:\n  olympus list audit-events --target my-client\n  olympus list audit-events --actor local --action client.secret --format json',
  async run({ flags, io }) {
    const pageSize = flags.integer('page-size', { min: 1 });
    const response = await adminApi(flags, io).request('GET', '/admin/audit-events', {
      query: {
        actor: flags.string('actor'), target: flags.string('target'), target_type: flags.string('target-type'), action: flags.string('action'),
        page_size: pageSize?.toString(), page_token: flags.string('page-token'),
      },
    });
    const events = Array.isArray(response.body) ? (response.body as AuditEventResponse[]) : [];
    const next = nextPageToken(response.headers.get('link'));
    printView(io, flags, {
      ...auditEventsView(events),
      json: { items: events, next_page_token: next ?? '' },
      footer: next ? ['', `NEXT PAGE TOKEN  ${next}`] : [],
    });
    return 0;
  },
};
