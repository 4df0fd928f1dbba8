/**
 * argon2 through @node-rs/argon2 (Rust, runs on libuv's thread pool so the event loop stays free).
 * New hashes are argon2id; imported argon2i/argon2id PHC strings verify (docs/security.md ID-5).
 */
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1. */
export const OWASP_ARGON2ID_MINIMUM: Readonly<Argon2Params> = { memoryKiB: 19456, iterations: 2, parallelism: 1 };

/**
 * Ceilings for parameters read from stored (possibly imported) hashes: a typo such as m=4194304
 * in an import would otherwise let one login allocate gigabytes.
 */
const MAX_STORED: Readonly<Argon2Params> = { memoryKiB: 1048576, iterations: 64, parallelism: 16 };

// @node-rs/argon2 declares these as `const enum`s, which erasable TypeScript cannot reference.
const ARGON2I = 1 as Algorithm;
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1;

/** Never weaker than OWASP's minimum, whatever the configuration says. */
export const atLeastOwasp = (params: Argon2Params): Argon2Params => ({
  memoryKiB: Math.max(params.memoryKiB, OWASP_ARGON2ID_MINIMUM.memoryKiB),
  iterations: Math.max(params.iterations, OWASP_ARGON2ID_MINIMUM.iterations),
  parallelism: Math.max(params.parallelism, OWASP_ARGON2ID_MINIMUM.parallelism),
});

export const isArgon2Hash = (encoded: string): boolean =>
  encoded.startsWith('$argon2id$') || encoded.startsWith('$argon2i$');

export const hashArgon2id = (password: string, params: Argon2Params): Promise<string> =>
  hash(password, {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
  });

type Argon2Options = ReturnType<typeof parseOptions>;

const parse = (encoded: string): Argon2Options | undefined => {
  try {
    return parseOptions(encoded);
  } catch {
    return undefined;
  }
};

/** The parameters of an argon2 PHC string, or undefined for anything else. */
const readArgon2 = (encoded: string): Argon2Options | undefined => (isArgon2Hash(encoded) ? parse(encoded) : undefined);

/** argon2id/argon2i whose parameters are within the ceilings: a hash verifyArgon2 will compute. */
const withinCeilings = (options: Argon2Options | undefined): boolean =>
  options !== undefined && (options.algorithm === ARGON2ID || options.algorithm === ARGON2I)
    && options.memoryCost <= MAX_STORED.memoryKiB && options.timeCost <= MAX_STORED.iterations
    && options.parallelism <= MAX_STORED.parallelism;

export const isVerifiableArgon2 = (encoded: string): boolean => withinCeilings(readArgon2(encoded));

const verifyRead = async (password: string, encoded: string, options: Argon2Options | undefined): Promise<boolean> => {
  if (!withinCeilings(options)) return false;
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
};

export const verifyArgon2 = (password: string, encoded: string): Promise<boolean> => verifyRead(password, encoded, readArgon2(encoded));

/** Checked after `encoded` starts with `$argon2id$` (the callers test it before anything is parsed). */
const isCurrent = (options: Argon2Options | undefined, params: Argon2Params): boolean =>
  options !== undefined && options.algorithm === ARGON2ID && options.version === VERSION_0X13
    && options.memoryCost === params.memoryKiB && options.timeCost === params.iterations
    && options.parallelism === params.parallelism;

/** True when `encoded` is argon2id v19 with exactly these parameters (no re-hash needed). */
export const isCurrentArgon2id = (encoded: string, params: Argon2Params): boolean =>
  encoded.startsWith('$argon2id$') && isCurrent(parse(encoded), params);

/**
 * A login's verification and its re-hash decision on one reading of the PHC string: both need its
 * parameters, and reading them twice was ≈1 % of the main thread's time per login
 * (docs/decisions/0002-hot-path-performance.md). `current` is false when the password is wrong.
 */
export const verifyArgon2Current = async (
  password: string, encoded: string, params: Argon2Params,
): Promise<{ verified: boolean; current: boolean }> => {
  const options = readArgon2(encoded);
  const verified = await verifyRead(password, encoded, options);
  return { verified, current: verified && encoded.startsWith('$argon2id$') && isCurrent(options, params) };
};
