/**
 * Offline check against common passwords (docs/security.md ID-4, NIST 800-63B §5.1.1.2 "values
 * known to be commonly-used"). The list is the `passwords-common` dictionary of
 * @zxcvbn-ts/language-common: ~49 000 lower-case entries ranked from breach corpora, maintained
 * with the zxcvbn-ts project; it needs no network, so the check can neither fail open nor closed.
 */
import { createRequire } from 'node:module';

let common: Set<string> | undefined;

/**
 * Loaded and built on first use, synchronously like the policy check that asks: the package holds
 * every zxcvbn dictionary, megabytes a node need not keep before a first password is set
 * (docs/decisions/0002-hot-path-performance.md, "Start-up and memory").
 */
const commonPasswords = (): Set<string> => {
  if (common !== undefined) return common;
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  common = new Set(dictionary['passwords-common']);
  return common;
};

/** Case-insensitive, as the list is lower-case and `Password1` is as guessable as `password1`. */
export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.toLowerCase());

export const commonPasswordCount = (): number => commonPasswords().size;
