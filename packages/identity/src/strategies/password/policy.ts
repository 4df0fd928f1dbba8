/**
 * The password policy of NIST 800-63B §5.1.1.2 (docs/security.md ID-1..ID-4): a minimum length
 * in characters, long passphrases welcome up to a byte cap that only guards against abuse, any
 * Unicode, no composition rules, and refusal of common passwords and of passwords resembling the
 * identifier. Nothing is truncated, normalised or case-folded before hashing (ID-2).
 */
import type { UiText } from '../../ui/node.ts';
import { messages } from '../../ui/messages.ts';
import { isCommonPassword } from './common-passwords.ts';
import { tooSimilarToIdentifier } from './similarity.ts';

export interface PasswordPolicy {
  /** In characters (Unicode code points), as NIST counts them. */
  minLength: number;
  /** In UTF-8 bytes: hashing cost is per byte, and 1024 bytes is far beyond any passphrase. */
  maxBytes: number;
  identifierSimilarityCheck: boolean;
  commonPasswordCheck: boolean;
}

export const characterCount = (password: string): number => {
  let count = 0;
  for (const _ of password) count++;
  return count;
};

/**
 * The first rule the password breaks, as the UiText to show on the password node, or undefined
 * when it may be used. Cheap checks run first; `identifiers` are the ones the credential will have.
 */
export const checkPasswordPolicy = (password: string, identifiers: string[], policy: PasswordPolicy): UiText | undefined => {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > policy.maxBytes) return messages.passwordMaxLength(policy.maxBytes, bytes);
  const length = characterCount(password);
  if (length < policy.minLength) return messages.passwordMinLength(policy.minLength, length);
  // NIST's blocklist examples include repetitive passwords ("aaaaaa"); lists cannot hold them all.
  if (password.trim() === '') return messages.passwordPolicy('it consists of whitespace only');
  if (new Set(password).size === 1) return messages.passwordPolicy('it repeats a single character');
  if (policy.identifierSimilarityCheck && identifiers.some((id) => tooSimilarToIdentifier(id, password))) {
    return messages.passwordTooSimilar();
  }
  if (policy.commonPasswordCheck && isCommonPassword(password)) return messages.passwordCommon();
  return undefined;
};
