/** `olympus delete oauth2-client <id…>`: DELETE /admin/clients/{id} for each id. */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { deleteEach, deletedView } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const deleteClient: Command = {
  verb: 'delete',
  nouns: ['oauth2-client', 'client', 'oauth2-clients', 'clients'],
  summary: 'Delete one or more OAuth2 clients',
  args: { usage: '<id> [<id>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const { results, allOk } = await deleteEach(adminApi(flags, io), io, '/admin/clients', args);
    printView(io, flags, deletedView('DELETED CLIENT ID', results));
    return allOk ? 0 : 1;
  },
};
