/**
 * A provider's `client_secret` and `apple_private_key` may name where the secret is instead of holding
 * it: `env://NAME` reads the environment variable NAME, `file://<path>` a file (a container secret;
 * relative to the working directory, `file:///abs` absolute, as hera.logo), its trailing newline dropped.
 * Resolved once at load time; a missing variable or an unreadable file is a config problem that names
 * the key and the reference, never a value (docs/operations/social-sign-in.md, "Secrets from the
 * environment or a file").
 */
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OidcProviderConfig } from './schema-oidc.ts';
import type { OlympusConfig } from './types.ts';

const REFERENCE = /^(env|file):\/\/(.+)$/s;
const SECRET_KEYS = [['clientSecret', 'client_secret'], ['applePrivateKey', 'apple_private_key']] as const;

interface Reading { value?: string; problem?: string }

const readReference = async (kind: string, target: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Reading> => {
  if (kind === 'env') {
    const value = env[target];
    return value === undefined || value.trim() === '' ? { problem: `the environment variable ${target} is not set or empty` } : { value: value.trim() };
  }
  const path = target.startsWith('/') ? fileURLToPath(`file://${target}`) : resolvePath(cwd, target);
  try {
    const value = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
    return value.trim() === '' ? { problem: `the file ${path} is empty` } : { value };
  } catch (err) {
    return { problem: `the file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
};

const resolveProvider = async (p: OidcProviderConfig, at: string, env: NodeJS.ProcessEnv, cwd: string, issues: string[]): Promise<OidcProviderConfig> => {
  const resolved = { ...p };
  for (const [key, fileKey] of SECRET_KEYS) {
    const match = REFERENCE.exec(p[key] ?? '');
    if (match === null) continue;
    const { value, problem } = await readReference(match[1], match[2], env, cwd);
    if (problem !== undefined) issues.push(`${at}.${fileKey} is "${match[0]}", but ${problem}. Fix: provide the secret there, or write it into ${fileKey}.`);
    // A failed reference stays as written: the start stops on this issue alone, not on a "missing" secret too.
    resolved[key] = value ?? p[key];
  }
  return resolved;
};

/** The config with every provider secret reference replaced by the secret, and the references that failed. */
export const resolveOidcSecrets = async (config: OlympusConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<{ config: OlympusConfig; issues: string[] }> => {
  const oidc = config.selfservice.methods.oidc;
  const issues: string[] = [];
  const providers = await Promise.all(oidc.config.providers.map((p, i) => resolveProvider(p, `selfservice.methods.oidc.config.providers[${i}]`, env, cwd, issues)));
  const methods = { ...config.selfservice.methods, oidc: { ...oidc, config: { ...oidc.config, providers } } };
  return { config: { ...config, selfservice: { ...config.selfservice, methods } }, issues };
};
