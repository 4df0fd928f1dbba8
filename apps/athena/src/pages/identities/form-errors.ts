/**
 * What the identity service refused, per form field: schema errors name their trait
 * (`details.messages[].name`, packages/identity/src/identities/assemble.ts); a taken identifier
 * (IdentityConflict) is put at the field that holds it. Anything else goes under '' (no field).
 */
import { BadRequest, IdentityConflict } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';

type Message = { name?: unknown; text?: unknown };

const schemaErrors = (err: BadRequest): Record<string, string> => {
  const messages = (err.details.messages ?? []) as Message[];
  const named = messages.filter((m) => typeof m.name === 'string' && typeof m.text === 'string');
  if (named.length === 0) return { '': err.reason || err.message };
  const errors: Record<string, string> = {};
  for (const m of named) errors[m.name as string] ??= m.text as string;
  return errors;
};

const conflictError = (t: Translator, err: IdentityConflict, values: Record<string, string>): Record<string, string> => {
  const identifier = String(err.details.identifier ?? '');
  const field = Object.keys(values).find((name) => values[name]!.trim().toLowerCase() === identifier.toLowerCase());
  return { [field ?? '']: t.t('identity.form.conflict', { identifier }) };
};

/** The errors of a refused create or update, or undefined when `err` is not a refusal of the input. */
export const formErrorsOf = (t: Translator, err: unknown, values: Record<string, string>): Record<string, string> | undefined => {
  if (err instanceof IdentityConflict) return conflictError(t, err, values);
  if (err instanceof BadRequest) return schemaErrors(err);
  return undefined;
};
