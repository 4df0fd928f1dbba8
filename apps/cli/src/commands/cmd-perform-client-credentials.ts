/** `olympus perform client-credentials`: RFC 6749 §4.4 token request at the public POST /oauth2/token. */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { authenticatedForm, clientCredentialsFrom } from '../http/client-auth.ts';
import { publicApi } from '../http/clients.ts';
import { clientCredentialOptions, publicOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';
import { tokenView, type TokenResponse } from '../tokens/token-view.ts';

export const performClientCredentials: Command = {
  verb: 'perform',
  nouns: ['client-credentials'],
  summary: 'Get an access token with the client credentials grant',
  args: noArgs,
  options: {
    ...clientCredentialOptions,
    scope: {
      type: 'string',
      multiple: true,
      value: 'scope',
      description: 'requested scope (repeatable, space- or comma-separated)',
    },
    audience: {
      type: 'string',
      multiple: true,
      value: 'aud',
      description: 'requested audience (repeatable, comma-separated)',
    },
    ...publicOptions,
  },
  details: 'Example: olympus perform client-credentials --client-id my-service --client-secret … --scope "read write"',
  async run({ flags, io }) {
    const credentials = clientCredentialsFrom(flags, io);
    const form = {
      grant_type: 'client_credentials',
      scope: flags.scopes('scope')?.join(' '),
      audience: flags.list('audience')?.join(' '),
    };
    const response = await publicApi(flags, io).request('POST', '/oauth2/token', authenticatedForm(credentials, form));
    printView(io, flags, tokenView(response.body as TokenResponse));
    return 0;
  },
};
