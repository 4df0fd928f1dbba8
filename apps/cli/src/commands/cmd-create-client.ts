/** `olympus create oauth2-client`: POST /admin/clients (docs/compatibility.md §1.2). */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { clientFieldOptions, clientFieldsFromFlags, fileOption } from '../clients/client-flags.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { CommandFailed } from '../errors.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { isJsonObject, readJson } from '../read-json.ts';

export const createClient: Command = {
  verb: 'create',
  nouns: ['oauth2-client', 'client'],
  summary: 'Create an OAuth2 client',
  args: noArgs,
  options: { ...clientFieldOptions, ...fileOption, ...adminOptions },
  details: [
    'The client secret is shown only now; Olympus stores a hash of it.',
    '',
    'Example:',
    '  olympus create client --name my-app --grant-type authorization_code,refresh_token \\',
    '    --response-type code --scope "openid offline_access" \\',
    '    --redirect-uri http://127.0.0.1:4446/callback --token-endpoint-auth-method none',
  ].join('\n'),
  async run({ flags, io }) {
    const file = flags.string('file');
    const body = file === undefined ? clientFieldsFromFlags(flags) : await readJson(io, file);
    if (!isJsonObject(body)) throw new CommandFailed(`${file} must contain one client as a JSON object`);
    const response = await adminApi(flags, io).request('POST', '/admin/clients', { json: body });
    printView(io, flags, clientsView([response.body as ClientResponse], true));
    return 0;
  },
};
