/**
 * `olympus list oauth2-clients`: GET /admin/clients with token pagination. The next page token
 * comes from the `Link: <…?page_token=…>; rel="next"` header (RFC 8288).
 */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { adminApi } from '../http/clients.ts';
import { nextPageToken } from '../http/link-header.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const listClients: Command = {
  verb: 'list',
  nouns: ['oauth2-clients', 'clients', 'oauth2-client', 'client'],
  summary: 'List OAuth2 clients, one page at a time',
  args: noArgs,
  options: {
    'page-size': { type: 'string', value: 'n', description: 'clients per page (server default: 100)' },
    'page-token': { type: 'string', value: 'token', description: 'page token printed by the previous call' },
    ...adminOptions,
  },
  async run({ flags, io }) {
    const pageSize = flags.integer('page-size', { min: 1 });
    const response = await adminApi(flags, io).request('GET', '/admin/clients', {
      query: { page_size: pageSize?.toString(), page_token: flags.string('page-token') },
    });
    const clients = Array.isArray(response.body) ? (response.body as ClientResponse[]) : [];
    const next = nextPageToken(response.headers.get('link'));
    const view = clientsView(clients, false);
    printView(io, flags, {
      ...view,
      json: { items: clients, next_page_token: next ?? '' },
      footer: next ? ['', `NEXT PAGE TOKEN  ${next}`] : [],
    });
    return 0;
  },
};
