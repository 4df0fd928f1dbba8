/**
 * `olympus import oauth2-client <file…>`: each file (or stdin with `-` or no file) holds one client
 * object or an array of them; each is created with POST /admin/clients. Keeps going after a failure.
 */
import type { Command } from '../command.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { CommandFailed } from '../errors.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { isJsonObject, readJson } from '../read-json.ts';
import { reportError } from '../report-error.ts';

const clientsIn = (path: string, document: unknown): Record<string, unknown>[] => {
  const items = Array.isArray(document) ? document : [document];
  if (!items.every(isJsonObject))
    throw new CommandFailed(`${path} must hold a client object or an array of client objects`);
  return items;
};

export const importClient: Command = {
  verb: 'import',
  nouns: ['oauth2-client', 'client', 'oauth2-clients', 'clients'],
  summary: 'Create OAuth2 clients from JSON files',
  args: { usage: '[<file.json>…]', min: 0, max: Infinity },
  options: adminOptions,
  details:
    'Each file holds one client or an array of clients, in the shape `create --format json` prints. Reads stdin without files.',
  async run({ flags, args, io }) {
    const api = adminApi(flags, io);
    const created: ClientResponse[] = [];
    let failed = 0;
    for (const path of args.length > 0 ? args : ['-']) {
      for (const client of clientsIn(path, await readJson(io, path))) {
        try {
          created.push((await api.request('POST', '/admin/clients', { json: client })).body as ClientResponse);
        } catch (error) {
          failed += 1;
          reportError(io, error);
        }
      }
    }
    printView(io, flags, clientsView(created, false));
    return failed === 0 ? 0 : 1;
  },
};
