/** `olympus get oauth2-client <id…>`: GET /admin/clients/{id} for each id. */
import type { Command } from '../command.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { adminApi } from '../http/clients.ts';
import { getEach } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const getClient: Command = {
  verb: 'get',
  nouns: ['oauth2-client', 'client', 'oauth2-clients', 'clients'],
  summary: 'Show one or more OAuth2 clients',
  args: { usage: '<id> [<id>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const { results, allOk } = await getEach(adminApi(flags, io), io, '/admin/clients', args);
    printView(io, flags, clientsView(results as ClientResponse[], args.length === 1));
    return allOk ? 0 : 1;
  },
};
