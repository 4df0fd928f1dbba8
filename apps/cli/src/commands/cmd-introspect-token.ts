/** `olympus introspect token <token>`: RFC 7662 introspection at POST /admin/oauth2/introspect. */
import type { Command } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

type Introspection = Record<string, unknown> & { active?: boolean };

const time = (seconds: unknown): string => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : '');

const COLUMNS: readonly Column<Introspection>[] = [
  { header: 'ACTIVE', value: (t) => t.active === true },
  { header: 'SUBJECT', value: (t) => t.sub as string },
  { header: 'CLIENT ID', value: (t) => t.client_id as string },
  { header: 'SCOPE', value: (t) => t.scope as string },
  { header: 'AUDIENCE', value: (t) => t.aud as string[] },
  { header: 'TOKEN USE', value: (t) => t.token_use as string },
  { header: 'ISSUED AT', value: (t) => time(t.iat) },
  { header: 'EXPIRES AT', value: (t) => time(t.exp) },
  { header: 'EXT', value: (t) => t.ext as Record<string, unknown> },
];

export const introspectToken: Command = {
  verb: 'introspect',
  nouns: ['token'],
  summary: 'Show what an access or refresh token carries, and whether it is active',
  args: { usage: '<token>', min: 1, max: 1 },
  options: {
    scope: {
      type: 'string',
      multiple: true,
      value: 'scope',
      description: 'also require these scopes (repeatable, space- or comma-separated)',
    },
    ...adminOptions,
  },
  async run({ flags, args, io }) {
    const response = await adminApi(flags, io).request('POST', '/admin/oauth2/introspect', {
      form: { token: args[0], scope: flags.scopes('scope')?.join(' ') },
    });
    const token = response.body as Introspection;
    printView(io, flags, { json: token, ids: [String(token.sub ?? '')], table: tableOf(COLUMNS, [token], true) });
    return 0;
  },
};
