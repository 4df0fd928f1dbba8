/**
 * Offline check against common passwords (docs/security.md ID-4, NIST 800-63B §5.1.1.2 "values
 * known to be commonly-used"). The list is the `passwords-common` dictionary of
 * @zxcvbn-ts/language-common: ~49 000 lower-case entries ranked from breach corpora, maintained
 * with the zxcvbn-ts project; it needs no network, so the check can neither fail open nor closed.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/** Built on first use: decompressing the list takes a few milliseconds we need not pay at import. */
const commonPasswords = (): Set<string> => {
  common ??= new Set(dictionary['passwords-common']);
  return common;
};

/** Case-insensitive, as the list is lower-case and `Password1` is as guessable as `password1`. */
export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.toLowerCase());

export const commonPasswordCount = (): number => commonPasswords().size;
