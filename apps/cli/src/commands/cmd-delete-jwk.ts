/** `olympus delete jwk <set…>`: DELETE /admin/keys/{set} for each set. */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { deleteEach, deletedView } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const deleteJwk: Command = {
  verb: 'delete',
  nouns: ['jwk', 'jwks'],
  summary: 'Delete JSON Web Key sets',
  args: { usage: '<set> [<set>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const { results, allOk } = await deleteEach(adminApi(flags, io), io, '/admin/keys', args);
    printView(io, flags, deletedView('DELETED KEY SET', results));
    return allOk ? 0 : 1;
  },
};
