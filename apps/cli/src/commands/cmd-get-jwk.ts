/** `olympus get jwk <set…>`: GET /admin/keys/{set}; several sets print as one merged set. */
import type { Command } from '../command.ts';
import { adminApi, segment } from '../http/clients.ts';
import { forEachName } from '../http/each.ts';
import { adminOptions } from '../http/remote-options.ts';
import { jwksView, keysOf, publicOnlyOption } from '../keys/jwk-view.ts';
import { printView } from '../output/print.ts';

export const getJwk: Command = {
  verb: 'get',
  nouns: ['jwk', 'jwks'],
  summary: 'Show the keys of one or more JSON Web Key sets',
  args: { usage: '<set> [<set>…]', min: 1, max: Infinity },
  options: { ...publicOnlyOption, ...adminOptions },
  async run({ flags, args, io }) {
    const api = adminApi(flags, io);
    const { results, allOk } = await forEachName(io, args, async (set) =>
      keysOf(set, (await api.request('GET', `/admin/keys/${segment(set)}`)).body),
    );
    printView(io, flags, jwksView(results.flat(), flags.boolean('public') === true));
    return allOk ? 0 : 1;
  },
};
