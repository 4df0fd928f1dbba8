/** `olympus delete identity <id…>` (also `identities delete`): DELETE /admin/identities/{id} for each id. */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { deleteEach, deletedView } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const deleteIdentity: Command = {
  verb: 'delete',
  nouns: ['identity', 'identities'],
  summary: 'Delete one or more identities (with their sessions)',
  args: { usage: '<id> [<id>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const { results, allOk } = await deleteEach(adminApi(flags, io), io, '/admin/identities', args);
    printView(io, flags, deletedView('DELETED IDENTITY ID', results));
    return allOk ? 0 : 1;
  },
};

export const identitiesDelete: Command = { ...deleteIdentity, verb: 'identities', nouns: ['delete'] };
