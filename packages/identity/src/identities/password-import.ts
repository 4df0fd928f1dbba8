/**
 * Password hashes imported with an identity (Kratos' import shape
 * `credentials.password.config.hashed_password`). They are stored as given and upgraded to argon2id
 * at the current parameters on the next successful login (the password strategy re-hashes them).
 * Formats: argon2id/argon2i PHC strings, bcrypt ($2a$/$2b$/$2y$), and PBKDF2 PHC strings
 * (`$pbkdf2-sha256$i=<iterations>,l=<length>$<salt>$<hash>`, also sha1/sha512).
 */
import { BadRequest } from '../errors.ts';

const FORMATS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'argon2', pattern: /^\$argon2(id|i)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/ },
  { name: 'bcrypt', pattern: /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/ },
  { name: 'pbkdf2', pattern: /^\$pbkdf2-sha(1|256|512)\$i=\d{1,9},l=\d{1,4}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/ },
];

/** The format name of a supported hash, or undefined. */
export const importedHashFormat = (hash: string): string | undefined => FORMATS.find((f) => f.pattern.test(hash))?.name;

/**
 * The hash from an imported password credential's `config`, checked to be one Olympus can verify;
 * undefined when the config carries no `hashed_password`. An unsupported hash is a 400, not a
 * credential nobody could ever log in with.
 */
export const importedPasswordHash = (config: Record<string, unknown>): string | undefined => {
  const hash = config.hashed_password;
  if (hash === undefined) return undefined;
  if (typeof hash !== 'string' || importedHashFormat(hash) === undefined) {
    throw new BadRequest('The request was malformed or contained invalid parameters', {
      reason: 'credentials.password.config.hashed_password is not a supported hash. Supported: argon2id and argon2i '
        + '($argon2id$v=19$m=…,t=…,p=…$salt$hash), bcrypt ($2a$, $2b$, $2y$) and PBKDF2 ($pbkdf2-sha256$i=…,l=…$salt$hash).',
    });
  }
  return hash;
};
