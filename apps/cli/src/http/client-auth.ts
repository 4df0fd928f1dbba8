/**
 * Client authentication at the public token and revocation endpoints: client_secret_basic when a
 * secret is known (RFC 6749 §2.3.1), otherwise a public client that only names itself (§2.1, §3.2.1).
 */
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import type { RequestOptions } from './api-client.ts';

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
}

export const clientCredentialsFrom = (flags: Flags, io: Io): ClientCredentials => {
  const clientId = flags.string('client-id') ?? io.env.OAUTH2_CLIENT_ID;
  if (!clientId) throw new UsageError('flag --client-id is required (or set $OAUTH2_CLIENT_ID)');
  const clientSecret = flags.string('client-secret') ?? (io.env.OAUTH2_CLIENT_SECRET || undefined);
  return clientSecret ? { clientId, clientSecret } : { clientId };
};

/** The request parts that authenticate `credentials`, merged into a form request. */
export const authenticatedForm = (
  credentials: ClientCredentials,
  form: Record<string, string | undefined>,
): Pick<RequestOptions, 'form' | 'basicAuth'> =>
  credentials.clientSecret === undefined
    ? { form: { ...form, client_id: credentials.clientId } }
    : { form, basicAuth: { username: credentials.clientId, password: credentials.clientSecret } };
