/**
 * Compiles identity JSON Schemas with ajv: draft-07 by default, 2019-09 or 2020-12 when `$schema`
 * says so. Kratos' `ory.sh/kratos` extension is not a validation keyword, so unknown keywords are
 * allowed (ajv's strict mode would refuse them), and the formats Kratos schemas use are known.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isEmail } from './identifier-checks.ts';

// ajv-formats is CommonJS with a default export; under Node's ESM interop it arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** E.164 phone numbers, as Kratos' `tel` format expects for SMS identifiers. */
const TEL = /^\+[1-9]\d{6,14}$/;

const ajvFor = (schema: Record<string, unknown>): Ajv => {
  const draft = String(schema.$schema ?? '');
  const options = { allErrors: true, verbose: true, strict: false, logger: false as const };
  const ajv = draft.includes('2020-12') ? new Ajv2020(options) : draft.includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv as Ajv);
  // The same email check recovery and verification use (identifier-checks.ts), not a second definition.
  ajv.addFormat('email', isEmail);
  ajv.addFormat('tel', TEL);
  return ajv as Ajv;
};

/** A validator for the whole identity document `{ traits }`; throws when the schema itself is invalid. */
export const compileIdentitySchema = (schema: Record<string, unknown>): ValidateFunction => ajvFor(schema).compile(schema);
