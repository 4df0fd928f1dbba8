import type { TokenStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { sqlAccessTokenStore } from './access-tokens.ts';
import { sqlCodeStore } from './codes.ts';
import { sqlRefreshTokenTake } from './refresh-take.ts';
import { sqlRefreshTokenStore } from './refresh-tokens.ts';
import { sqlRevocationStore } from './revocation.ts';

export const sqlTokenStore = (db: Db): TokenStore => ({
  ...sqlCodeStore(db),
  ...sqlAccessTokenStore(db),
  ...sqlRefreshTokenStore(db),
  ...sqlRefreshTokenTake(db),
  ...sqlRevocationStore(db),
});
