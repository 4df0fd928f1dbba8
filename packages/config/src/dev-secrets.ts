/**
 * --dev only: secrets generated on first start and kept in <dataDir>/secrets.json (mode 0600), so
 * sessions, sealed keys and tokens survive restarts without any setup. Production never does this.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from './schema-nodes.ts';
import { ConfigError } from './errors.ts';

export interface DevSecrets {
  system: string[];
  cookie: string[];
}

/** 32 random bytes, base64url: 43 characters. */
export const generateSecret = (): string => randomBytes(32).toString('base64url');

export const generateDevSecrets = (): DevSecrets => ({ system: [generateSecret()], cookie: [generateSecret()] });

const isSecretList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);

const parseStored = (file: string, text: string): DevSecrets => {
  let stored: Partial<DevSecrets> | undefined;
  try {
    stored = JSON.parse(text) as Partial<DevSecrets>;
  } catch {
    // reported below
  }
  if (!isSecretList(stored?.system) || !isSecretList(stored?.cookie)) {
    throw new ConfigError(`${file} is damaged: it should hold {"system": [...], "cookie": [...]}. Delete it to generate new dev secrets (existing dev sessions and keys are then lost).`);
  }
  return { system: stored.system, cookie: stored.cookie };
};

/**
 * Returns the stored dev secrets, creating the file on first start. Creation is atomic (write a
 * temp file, then link it into place, which fails if another process got there first), so two
 * processes starting together end up with the same secrets.
 */
export const loadOrCreateDevSecrets = async (dataDir: string): Promise<DevSecrets> => {
  const file = join(dataDir, 'secrets.json');
  try {
    return parseStored(file, await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    if (code !== 'ENOENT') throw new ConfigError(`Cannot read the dev secrets in ${file}: ${code}.`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temp = join(dataDir, `.secrets.${process.pid}.${generateSecret().slice(0, 8)}.tmp`);
  await writeFile(temp, `${JSON.stringify(generateDevSecrets(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp);
  }
  return parseStored(file, await readFile(file, 'utf8'));
};
