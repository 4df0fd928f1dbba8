/**
 * `olympus perform authorization-code`: hydra's example client. Prints the URL to open (we never
 * start a browser: it works the same over SSH and in containers), waits for the callback on
 * 127.0.0.1:<port>, exchanges the code and prints the tokens.
 */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import type { AuthorizationCodeOptions } from '../authorization-code/options.ts';
import { CallbackServerError, performAuthorizationCode } from '../authorization-code/perform.ts';
import { clientCredentialsFrom } from '../http/client-auth.ts';
import { publicTarget } from '../http/target.ts';
import { clientCredentialOptions, publicOptions } from '../http/remote-options.ts';
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import { printView } from '../output/print.ts';
import { describeError } from '../report-error.ts';
import { tokenView } from '../tokens/token-view.ts';

const optionsFrom = (flags: Flags, io: Io): AuthorizationCodeOptions => {
  const credentials = clientCredentialsFrom(flags, io);
  const target = publicTarget(flags, io);
  const port = flags.integer('port', { max: 65535 }) ?? 4446;
  return {
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    scope: flags.scopes('scope') ?? ['openid', 'offline_access'],
    audience: flags.list('audience'),
    prompt: flags.scopes('prompt'),
    maxAge: flags.integer('max-age'),
    port,
    redirectUri: flags.string('redirect'),
    authUrl: flags.string('auth-url') ?? `${target.baseUrl}/oauth2/auth`,
    tokenUrl: flags.string('token-url') ?? `${target.baseUrl}/oauth2/token`,
    state: flags.string('state'),
    headers: target.headers,
  };
};

const runOnce = async (options: AuthorizationCodeOptions, flags: Flags, io: Io): Promise<void> => {
  const result = await performAuthorizationCode(options, {
    onAuthorizationUrl: (url, redirectUri) =>
      io.stderr(`Open this URL in a browser:\n\n  ${url}\n\nWaiting for the redirect to ${redirectUri} …\n`),
  });
  printView(io, flags, tokenView(result.tokens));
};

export const performAuthorizationCodeCommand: Command = {
  verb: 'perform',
  nouns: ['authorization-code'],
  summary: 'Run the Authorization Code + PKCE flow as an example client',
  args: noArgs,
  options: {
    ...clientCredentialOptions,
    scope: {
      type: 'string',
      multiple: true,
      value: 'scope',
      default: 'openid offline_access',
      description: 'requested scope (repeatable, space- or comma-separated)',
    },
    audience: {
      type: 'string',
      multiple: true,
      value: 'aud',
      description: 'requested access-token audience (repeatable)',
    },
    prompt: {
      type: 'string',
      multiple: true,
      value: 'prompt',
      description: 'OIDC prompt: none, login, consent, select_account',
    },
    'max-age': { type: 'string', value: 'seconds', description: 'OIDC max_age' },
    port: {
      type: 'string',
      short: 'p',
      value: 'port',
      default: '4446',
      description: 'port of the local callback server',
    },
    redirect: {
      type: 'string',
      value: 'uri',
      default: 'http://127.0.0.1:<port>/callback',
      description: 'redirect URI to send (must be registered)',
    },
    'auth-url': {
      type: 'string',
      value: 'url',
      description: 'authorization endpoint (default: <endpoint>/oauth2/auth)',
    },
    'token-url': { type: 'string', value: 'url', description: 'token endpoint (default: <endpoint>/oauth2/token)' },
    state: {
      type: 'string',
      value: 'state',
      description: 'fixed state value instead of a random one (debugging only)',
    },
    open: {
      type: 'boolean',
      description: 'accepted for hydra compatibility (--no-open); the URL is always printed, never opened',
    },
    shutdown: { type: 'boolean', description: '--no-shutdown keeps serving: after each flow a new URL is printed' },
    ...publicOptions,
  },
  details: [
    'Without --client-secret the client is treated as public (token_endpoint_auth_method none).',
    'Register the redirect URI first, e.g.:',
    '  olympus create client --grant-type authorization_code,refresh_token --response-type code \\',
    '    --scope "openid offline_access" --redirect-uri http://127.0.0.1:4446/callback --token-endpoint-auth-method none',
  ].join('\n'),
  async run({ flags, io }) {
    const options = optionsFrom(flags, io);
    if (flags.boolean('shutdown') !== false) {
      await runOnce(options, flags, io);
      return 0;
    }
    for (;;) {
      try {
        await runOnce(options, flags, io);
      } catch (error) {
        if (error instanceof CallbackServerError) throw error;
        io.stderr(describeError(error));
      }
    }
  },
};
