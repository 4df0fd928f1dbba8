/** `olympus create jwk <set> [kid]`: POST /admin/keys/{set} generates a key on the server. */
import { randomUUID } from 'node:crypto';
import type { Command } from '../command.ts';
import { adminApi, segment } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { jwksView, keysOf, publicOnlyOption } from '../keys/jwk-view.ts';
import { printView } from '../output/print.ts';

const ALGORITHMS = ['RS256', 'RS512', 'ES256', 'ES512', 'EdDSA'] as const;
const USES = ['sig', 'enc'] as const;

export const createJwk: Command = {
  verb: 'create',
  nouns: ['jwk', 'jwks'],
  summary: 'Generate a JSON Web Key in a key set',
  args: { usage: '<set> [<kid>]', min: 1, max: 2 },
  options: {
    alg: { type: 'string', value: 'alg', default: 'RS256', description: ALGORITHMS.join(' | ') },
    use: { type: 'string', value: 'use', default: 'sig', description: 'sig | enc' },
    ...publicOnlyOption,
    ...adminOptions,
  },
  details: 'Without <kid> a random UUID is used.',
  async run({ flags, args, io }) {
    const [set, kid = randomUUID()] = args;
    const body = { alg: flags.choice('alg', ALGORITHMS) ?? 'RS256', use: flags.choice('use', USES) ?? 'sig', kid };
    const response = await adminApi(flags, io).request('POST', `/admin/keys/${segment(set)}`, { json: body });
    printView(io, flags, jwksView(keysOf(set, response.body), flags.boolean('public') === true));
    return 0;
  },
};
