import type { OAuth2Storage } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { sqlAuthenticationSessionStore } from './auth-sessions.ts';
import { sqlClientStore } from './clients.ts';
import { sqlFlowStore } from './flows.ts';
import { sqlJanitorStore } from './janitor.ts';
import { sqlJtiStore } from './jtis.ts';
import { sqlKeyStore } from './keys.ts';
import { sqlTokenStore } from './tokens.ts';

/** Every OAuth2 port on one database; the same SQL serves SQLite and PostgreSQL. Run migrate() first. */
export const createOAuth2Storage = (db: Db): OAuth2Storage => ({
  clients: sqlClientStore(db),
  flows: sqlFlowStore(db),
  authSessions: sqlAuthenticationSessionStore(db),
  tokens: sqlTokenStore(db),
  jtis: sqlJtiStore(db),
  keys: sqlKeyStore(db),
  janitor: sqlJanitorStore(db),
});
