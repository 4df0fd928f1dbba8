/**
 * `olympus update oauth2-client <id>`: unlike hydra, which replaces the whole client, only the
 * flags given are changed, as an RFC 6902 JSON Patch (PATCH /admin/clients/{id}). With `--file`
 * the file replaces the client (PUT), which is hydra's behaviour.
 */
import type { Command } from '../command.ts';
import { clientPatchFromFlags, clientUpdateOptions, fileOption } from '../clients/client-flags.ts';
import { clientsView, type ClientResponse } from '../clients/client-view.ts';
import { rotateOptions, rotateSecret, rotationRequest } from '../clients/rotate-secret.ts';
import { CommandFailed, UsageError } from '../errors.ts';
import { adminApi, segment } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { isJsonObject, readJson } from '../read-json.ts';

export const updateClient: Command = {
  verb: 'update',
  nouns: ['oauth2-client', 'client'],
  summary: 'Change an OAuth2 client (only the flags you set)',
  args: { usage: '<id>', min: 1, max: 1 },
  options: { ...clientUpdateOptions, ...rotateOptions, ...fileOption, ...adminOptions },
  details: [
    'Example: olympus update oauth2-client my-app --redirect-uri https://app.example/cb --no-skip-consent',
    'Rotate:  olympus update oauth2-client my-app --rotate-secret --rotated-secrets-ttl 24h (prints the new secret)',
  ].join('\n'),
  async run({ flags, args, io }) {
    const [id] = args;
    const api = adminApi(flags, io);
    const path = `/admin/clients/${segment(id)}`;
    const file = flags.string('file');
    const rotation = rotationRequest(flags);
    if (rotation.rotate && file !== undefined) throw new UsageError('--rotate-secret cannot be combined with --file');
    let response;
    if (file !== undefined) {
      const client = await readJson(io, file);
      if (!isJsonObject(client)) throw new CommandFailed(`${file} must contain one client as a JSON object`);
      response = await api.request('PUT', path, { json: { ...client, client_id: id } });
    } else {
      const patch = clientPatchFromFlags(flags);
      if (rotation.rotate) {
        if (patch.length > 0) await api.request('PATCH', path, { json: patch });
        // The rotation's answer is the one printed: it carries the new secret.
        response = await rotateSecret(api, id, rotation.body);
      } else {
        if (patch.length === 0) throw new UsageError('nothing to update: set at least one client flag, --rotate-secret or --file');
        response = await api.request('PATCH', path, { json: patch });
      }
    }
    printView(io, flags, clientsView([response.body as ClientResponse], true));
    return 0;
  },
};
