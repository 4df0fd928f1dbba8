/** `olympus get oauth2-client <id…>`: GET /admin/clients/{id} for each id. */
import type { Command } from '../command.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { adminApi, segment } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const getClient: Command = {
  verb: 'get',
  nouns: ['oauth2-client', 'client', 'clients', 'oauth2-clients'],
  summary: 'Show one or more OAuth2 clients',
  args: { usage: '<id> [<id>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const api = adminApi(flags, io);
    const clients: ClientResponse[] = [];
    for (const id of args) clients.push((await api.request('GET', `/admin/clients/${segment(id)}`)).body as ClientResponse);
    printView(io, flags, clientsView(clients, args.length === 1));
    return 0;
  },
};
