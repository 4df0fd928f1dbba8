export type { Db, Dialect, SqlParams, SqlValue } from './db/types.ts';
export { openDatabase } from './db/open.ts';
export { migrate, migrationStatus, type MigrationState } from './migrations/migrate.ts';
export { createOAuth2Storage } from './oauth2/storage.ts';
export { createIdentityStorage } from './identity/storage.ts';
export { sqlIdentityJanitorStore } from './identity/janitor.ts';
export { sqlAuditStore as createAuditStore } from './audit-events.ts';
export { sqlTraceStore as createTraceStore } from './trace-events.ts';
