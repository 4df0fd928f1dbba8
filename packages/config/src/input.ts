/** The config file's shape, from the schema: snake_case keys, every one optional. */
import type { Static } from '@sinclair/typebox';
import type { configSchema } from './schema.ts';

export type ConfigInput = Static<typeof configSchema>;
