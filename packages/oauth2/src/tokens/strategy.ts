import type { OlympusConfig } from '@olympus/config';
import type { OAuth2Client } from '../clients/client.ts';

/**
 * Opaque or JWT access tokens: the client's `access_token_strategy` wins, an empty one defers to
 * `oauth2.access_token_strategy` (Hydra's `strategies.access_token`).
 */
export const accessTokenStrategyOf = (
  client: Pick<OAuth2Client, 'access_token_strategy'>,
  config: OlympusConfig,
): 'opaque' | 'jwt' => client.access_token_strategy || config.oauth2.accessTokenStrategy;
