/** `olympus delete access-tokens <client-id>`: DELETE /admin/oauth2/tokens?client_id= (every access token of a client). */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { tableOf } from '../output/table.ts';

export const deleteAccessTokens: Command = {
  verb: 'delete',
  nouns: ['access-tokens'],
  summary: 'Delete all access tokens of a client',
  args: { usage: '<client-id>', min: 1, max: 1 },
  options: adminOptions,
  async run({ flags, args, io }) {
    const [clientId] = args;
    await adminApi(flags, io).request('DELETE', '/admin/oauth2/tokens', { query: { client_id: clientId } });
    const row = { clientId };
    printView(io, flags, {
      json: { client_id: clientId },
      ids: [clientId],
      table: tableOf(
        [{ header: 'ACCESS TOKENS DELETED FOR CLIENT', value: (r: typeof row) => r.clientId }],
        [row],
        true,
      ),
    });
    return 0;
  },
};
