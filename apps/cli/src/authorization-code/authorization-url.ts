/** The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1). */
import type { AuthorizationCodeOptions } from './options.ts';

export interface RequestSecrets {
  state: string;
  nonce: string;
  codeChallenge: string;
}

export const authorizationUrl = (
  options: AuthorizationCodeOptions,
  redirectUri: string,
  secrets: RequestSecrets,
): string => {
  const url = new URL(options.authUrl);
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: redirectUri,
    scope: options.scope.join(' '),
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: secrets.codeChallenge,
    code_challenge_method: 'S256',
    audience: options.audience?.length ? options.audience.join(' ') : undefined,
    prompt: options.prompt?.length ? options.prompt.join(' ') : undefined,
    max_age: options.maxAge?.toString(),
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
};
