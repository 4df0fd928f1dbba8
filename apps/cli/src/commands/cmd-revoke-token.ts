/**
 * `olympus revoke token <token>`: RFC 7009 revocation at the PUBLIC POST /oauth2/revoke, as the
 * client the token was issued to.
 */
import type { Command } from '../command.ts';
import { authenticatedForm, clientCredentialsFrom } from '../http/client-auth.ts';
import { publicApi } from '../http/clients.ts';
import { clientCredentialOptions, publicOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { tableOf } from '../output/table.ts';

export const revokeToken: Command = {
  verb: 'revoke',
  nouns: ['token'],
  summary: 'Revoke an access or refresh token (as the client it was issued to)',
  args: { usage: '<token>', min: 1, max: 1 },
  options: {
    ...clientCredentialOptions,
    'token-type-hint': { type: 'string', value: 'type', description: 'access_token | refresh_token (a lookup hint)' },
    ...publicOptions,
  },
  async run({ flags, args, io }) {
    const [token] = args;
    const credentials = clientCredentialsFrom(flags, io);
    const hint = flags.choice('token-type-hint', ['access_token', 'refresh_token'] as const);
    await publicApi(flags, io).request(
      'POST',
      '/oauth2/revoke',
      authenticatedForm(credentials, { token, token_type_hint: hint }),
    );
    const row = { token };
    printView(io, flags, {
      json: { revoked: token },
      ids: [token],
      table: tableOf([{ header: 'REVOKED TOKEN', value: (r: typeof row) => r.token }], [row], true),
    });
    return 0;
  },
};
