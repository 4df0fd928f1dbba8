/**
 * bcrypt verification for imported hashes (`$2a$`, `$2b$`, `$2y$`), through bcryptjs (pure
 * JavaScript; its async compare yields to the event loop between rounds). Olympus never creates
 * bcrypt hashes: a successful login re-hashes to argon2id.
 */
/** bcrypt reads at most 72 bytes of the password (docs/security.md ID-2). */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;
/** Cost ceiling for stored hashes: 2^15 rounds already take seconds in JavaScript. */
const MAX_COST = 15;

const BCRYPT_FORMAT = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

export const isBcryptHash = (encoded: string): boolean => /^\$2[aby]\$/.test(encoded);

/** Well-formed and within the cost ceiling: a hash verifyBcrypt will compute. */
export const isVerifiableBcrypt = (encoded: string): boolean => {
  const match = BCRYPT_FORMAT.exec(encoded);
  return match !== null && Number(match[1]) <= MAX_COST;
};

export const verifyBcrypt = async (password: string, encoded: string): Promise<boolean> => {
  if (!isVerifiableBcrypt(encoded)) return false;
  // bcrypt silently ignores everything after byte 72, so a longer password would match any
  // password sharing its first 72 bytes: refuse it instead (ID-2).
  if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_PASSWORD_BYTES) return false;
  // Loaded at the first imported bcrypt hash only: most deployments never see one (docs/decisions/0002-hot-path-performance.md).
  const { default: bcrypt } = await import('bcryptjs');
  try {
    return await bcrypt.compare(password, encoded);
  } catch {
    return false;
  }
};
