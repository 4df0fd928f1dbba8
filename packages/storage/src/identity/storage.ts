import type { IdentityStorage } from '@olympus/identity';
import type { Db } from '../db/types.ts';
import { sqlOneTimeCodeStore } from './codes.ts';
import { sqlCourierStore } from './courier.ts';
import { sqlSelfServiceFlowStore } from './flows.ts';
import { sqlIdentityStore } from './identities.ts';
import { sqlProtectionStore } from './protection.ts';
import { sqlSessionStore } from './sessions.ts';
import { sqlSessionTokenExchangeStore } from './token-exchanges.ts';

/** Every identity-server port on one database (migrations 0003 to 0005); run migrate() first. */
export const createIdentityStorage = (db: Db): IdentityStorage => ({
  identities: sqlIdentityStore(db),
  sessions: sqlSessionStore(db),
  flows: sqlSelfServiceFlowStore(db),
  courier: sqlCourierStore(db),
  codes: sqlOneTimeCodeStore(db),
  protection: sqlProtectionStore(db),
  tokenExchanges: sqlSessionTokenExchangeStore(db),
});
