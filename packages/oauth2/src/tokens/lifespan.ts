import type { OlympusConfig } from '@olympus/config';
import type { OAuth2Client } from '../clients/client.ts';
import { parseGoDuration } from '../clients/duration.ts';

export type IssuingGrant = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface Lifespans {
  accessToken: number;
  refreshToken: number;
  idToken: number;
}

type LifespanField = keyof OAuth2Client & `${string}_lifespan`;

/** Which per-client lifespan overrides which global `ttl.*` value, per grant (Hydra's client lifespans). */
const FIELDS: Record<IssuingGrant, Partial<Record<keyof Lifespans, LifespanField>>> = {
  authorization_code: {
    accessToken: 'authorization_code_grant_access_token_lifespan',
    refreshToken: 'authorization_code_grant_refresh_token_lifespan',
    idToken: 'authorization_code_grant_id_token_lifespan',
  },
  refresh_token: {
    accessToken: 'refresh_token_grant_access_token_lifespan',
    refreshToken: 'refresh_token_grant_refresh_token_lifespan',
    idToken: 'refresh_token_grant_id_token_lifespan',
  },
  client_credentials: { accessToken: 'client_credentials_grant_access_token_lifespan' },
};

/** Token lifetimes (ms) for a grant: the client's lifespan where set, else `ttl.*`. */
export const lifespansFor = (client: OAuth2Client, grant: IssuingGrant, ttl: OlympusConfig['ttl']): Lifespans => {
  const pick = (kind: keyof Lifespans, fallback: number): number => {
    const field = FIELDS[grant][kind];
    const configured = field ? client[field] : null;
    return (typeof configured === 'string' && parseGoDuration(configured)) || fallback;
  };
  return {
    accessToken: pick('accessToken', ttl.accessToken),
    refreshToken: pick('refreshToken', ttl.refreshToken),
    idToken: pick('idToken', ttl.idToken),
  };
};
