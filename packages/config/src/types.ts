/**
 * The resolved configuration every part reads, derived rather than written out: the schema (schema.ts)
 * gives the keys, decode.ts fills in the defaults, turns durations into milliseconds and keys into
 * camelCase, and resolve.ts makes the few changes listed there. docs/configuration.md describes each
 * key. Nothing downstream re-parses config.
 */
import type { resolveConfig } from './resolve.ts';

export type OlympusConfig = ReturnType<typeof resolveConfig>;

/** One origin: its public URL (whose port is the listen port unless `port` is set), listen address and port. */
export type OriginConfig = OlympusConfig['serve']['public'];
