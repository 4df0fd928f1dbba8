/** Validation steps for identifiers, token options, lifespans and scope. */
import { InvalidClientMetadata } from '../errors.ts';
import type { OAuth2Client } from './client.ts';
import type { ClientCheck } from './draft.ts';
import { show } from './describe.ts';
import { parseGoDuration } from './duration.ts';
import { LIFESPAN_FIELDS } from './fields.ts';

/** Visible ASCII only: the id travels in URLs, Basic credentials and logs. */
export const checkClientId: ClientCheck = ({ client }) => {
  if (/^[\x21-\x7e]{1,255}$/.test(client.client_id)) return;
  throw new InvalidClientMetadata(
    `Field client_id ${show(client.client_id)} must be 1 to 255 visible ASCII characters without spaces; or leave it out to get a UUID.`,
  );
};

export const checkAccessTokenStrategy: ClientCheck = ({ client }) => {
  const strategy: string = client.access_token_strategy;
  if (strategy === '' || strategy === 'opaque' || strategy === 'jwt') return;
  throw new InvalidClientMetadata(
    `Field access_token_strategy is ${show(strategy)}, but must be "opaque", "jwt", or "" to use the server default.`,
  );
};

export const checkSubjectType: ClientCheck = ({ client }) => {
  const type: string = client.subject_type;
  if (type === 'public') return;
  const why = type === 'pairwise' ? ' Pairwise subject identifiers are not supported yet.' : '';
  throw new InvalidClientMetadata(`Field subject_type is ${show(type)}, but must be "public".${why}`);
};

export const checkUserinfoAlg: ClientCheck = ({ client }) => {
  const alg = client.userinfo_signed_response_alg;
  if (alg === 'none' || alg === 'RS256') return;
  throw new InvalidClientMetadata(`Field userinfo_signed_response_alg is ${show(alg)}, but must be "none" or "RS256".`);
};

export const checkLifespans: ClientCheck = ({ client }) => {
  for (const field of LIFESPAN_FIELDS) {
    const value = client[field as keyof OAuth2Client] as string | null;
    if (value === null) continue;
    const ms = parseGoDuration(value);
    if (ms === undefined) {
      throw new InvalidClientMetadata(
        `Field ${field} is ${show(value)}, which is not a Go duration; write e.g. "1h", "15m" or "1h30m", or null for the server default.`,
      );
    }
    if (ms <= 0) throw new InvalidClientMetadata(`Field ${field} is ${show(value)}; a lifespan must be longer than zero, or null for the server default.`);
  }
};

/** RFC 6749 §3.3: scope-token = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export const checkScope: ClientCheck = ({ client }) => {
  const bad = client.scope.split(' ').find((token) => token !== '' && !SCOPE_TOKEN.test(token));
  if (bad === undefined) return;
  throw new InvalidClientMetadata(
    `Field scope contains ${show(bad)}, which is not a valid scope token: use visible ASCII without " or \\, separated by single spaces (RFC 6749 §3.3).`,
  );
};
