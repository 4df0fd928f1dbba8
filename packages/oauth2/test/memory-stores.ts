/**
 * The OAuth2 server's SQL stores on a fresh migrated SQLite database in memory: unit tests run on the
 * adapters the storage contract suite checks (packages/storage/test/contract), not on hand-written fakes.
 */
import { createOAuth2Storage } from '@olympus/storage';
import type { OAuth2Storage } from '../src/index.ts';
import { openMemoryDatabase } from '../../../test/support/memory-database.ts';

export const memoryOAuth2Storage = async (): Promise<OAuth2Storage> => createOAuth2Storage(await openMemoryDatabase());
