/**
 * What may be an identifier or an email address, defined once: identity schemas' `email` format
 * (compile.ts), trait identifiers and addresses (validate.ts), the address typed into recovery and
 * verification (codes/submit.ts) and the identifier typed at login. A control character never is:
 * it cannot be typed, is invisible when shown and PostgreSQL cannot store U+0000 at all.
 */
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under Node's ESM interop it arrives wrapped once more.
type FormatsPlugin = typeof addFormatsModule.default;
const formats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** The C0 controls U+0000–U+001F and DEL U+007F (RFC 20 §4.1, Unicode's ASCII Cc characters). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export const hasControlCharacter = (value: string): boolean => CONTROL_CHARACTER.test(value);

/** RFC 5321 §4.5.3.1.1–2: a local part of 64 octets, "@", a domain of 255. */
export const EMAIL_MAX_LENGTH = 320;

/** ajv-formats' full `email` pattern: an ASCII dot-atom local part and a dotted host name. */
const EMAIL_PATTERN = formats.get('email', 'full') as RegExp;

/** The one email check: bounded before the pattern runs, and never a control character. */
export const isEmail = (value: string): boolean =>
  value.length <= EMAIL_MAX_LENGTH && !hasControlCharacter(value) && EMAIL_PATTERN.test(value);
