export type { OlympusConfig, OriginConfig } from './types.ts';
export { loadConfig, type LoadConfigOptions } from './load.ts';
export { defaultDevConfig, type DevConfigOptions } from './dev-config.ts';
export { ConfigError } from './errors.ts';
export { configSchema } from './schema.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { ENV_OVERRIDES } from './env.ts';
export { renderConfigReference } from './reference-doc.ts';
export { levenshtein } from './suggest.ts';
