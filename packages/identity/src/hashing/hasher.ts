/**
 * Password hashing for the identity server: argon2id for every new hash, verification of imported
 * argon2/bcrypt/PBKDF2 hashes, and the re-hash decision that upgrades them on the next login
 * (docs/security.md ID-5). Unknown or malformed hashes verify as false; nothing here throws.
 */
import { randomBytes } from 'node:crypto';
import type { Argon2Params } from './argon2.ts';
import { atLeastOwasp, hashArgon2id, isArgon2Hash, isCurrentArgon2id, isVerifiableArgon2, verifyArgon2, verifyArgon2Current } from './argon2.ts';
import { isBcryptHash, isVerifiableBcrypt, verifyBcrypt } from './bcrypt.ts';
import { isPbkdf2Hash, parsePbkdf2, verifyPbkdf2 } from './pbkdf2.ts';

export type PasswordHashFormat = 'argon2' | 'bcrypt' | 'pbkdf2';

/**
 * The format of a hash `verify` can check (well-formed, parameters within the ceilings), or
 * undefined: what an import should accept, so that no credential is stored nobody can log in with.
 */
export const passwordHashFormat = (encoded: string): PasswordHashFormat | undefined => {
  if (typeof encoded !== 'string') return undefined;
  if (isVerifiableArgon2(encoded)) return 'argon2';
  if (isVerifiableBcrypt(encoded)) return 'bcrypt';
  if (parsePbkdf2(encoded)) return 'pbkdf2';
  return undefined;
};

export class PasswordHasher {
  /** The parameters new hashes get: the configured ones, raised to OWASP's minimum where lower. */
  readonly params: Readonly<Argon2Params>;
  #dummy: Promise<string> | undefined;

  constructor(params: Argon2Params) {
    this.params = Object.freeze(atLeastOwasp(params));
  }

  hash(password: string): Promise<string> {
    return hashArgon2id(password, this.params);
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    if (typeof password !== 'string' || typeof encoded !== 'string') return false;
    try {
      if (isArgon2Hash(encoded)) return await verifyArgon2(password, encoded);
      if (isBcryptHash(encoded)) return await verifyBcrypt(password, encoded);
      if (isPbkdf2Hash(encoded)) return await verifyPbkdf2(password, encoded);
    } catch {
      // A hash that parses but cannot be computed is as wrong as an unknown one.
    }
    return false;
  }

  /**
   * `verify`, and for a verified password `needsRehash`, reading the stored hash once: a login
   * asks both. Never throws; a wrong password needs no re-hash.
   */
  async verifyForLogin(password: string, encoded: string): Promise<{ verified: boolean; needsRehash: boolean }> {
    if (typeof password === 'string' && typeof encoded === 'string' && isArgon2Hash(encoded)) {
      const { verified, current } = await verifyArgon2Current(password, encoded, this.params);
      return { verified, needsRehash: verified && !current };
    }
    // bcrypt and PBKDF2 are never current: a verified one is always upgraded (needsRehash).
    const verified = await this.verify(password, encoded);
    return { verified, needsRehash: verified };
  }

  /** Anything but argon2id at the current parameters is upgraded after a successful login. */
  needsRehash(encoded: string): boolean {
    return !isCurrentArgon2id(encoded, this.params);
  }

  /**
   * One argon2id verification at the current parameters against a hash nobody knows the password
   * of, for logins with an unknown identifier: they then take as long as a wrong password for a
   * known one (no account enumeration by timing, ID-6). Always false.
   */
  async verifyDummy(password: string): Promise<false> {
    this.#dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await verifyArgon2(password, await this.#dummy);
    return false;
  }
}
