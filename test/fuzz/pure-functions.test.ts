/**
 * Fuzzed properties of the pure parsers and checks (test/support/fuzz, docs/operations/fuzzing.md):
 * a short run with a fixed seed; `npm run fuzz` runs the same properties with many more inputs.
 */
import { describe, test } from 'node:test';
import { assertProperty } from '../support/fuzz/property.ts';
import { unitProperties } from '../support/fuzz/unit-properties.ts';

const RUNS = Number(process.env.FUZZ_RUNS_PER_PROPERTY ?? 300);

describe('fuzzed pure functions', () => {
  for (const property of unitProperties) test(property.name, () => assertProperty(property, RUNS));
});
