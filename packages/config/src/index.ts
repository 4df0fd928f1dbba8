export type { OlympusConfig, OriginConfig } from './types.ts';
