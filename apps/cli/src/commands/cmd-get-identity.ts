/** `olympus get identity <id…>` (also `identities get`): GET /admin/identities/{id} for each id. */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { getEach } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { identitiesView, type IdentityResponse } from '../identities/identity-view.ts';
import { printView } from '../output/print.ts';

export const getIdentity: Command = {
  verb: 'get',
  nouns: ['identity', 'identities'],
  summary: 'Show one or more identities',
  args: { usage: '<id> [<id>…]', min: 1, max: Infinity },
  options: adminOptions,
  async run({ flags, args, io }) {
    const { results, allOk } = await getEach(adminApi(flags, io), io, '/admin/identities', args);
    printView(io, flags, identitiesView(results as IdentityResponse[], args.length === 1));
    return allOk ? 0 : 1;
  },
};

export const identitiesGet: Command = { ...getIdentity, verb: 'identities', nouns: ['get'] };
