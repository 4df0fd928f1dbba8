/**
 * loadConfig: file → environment overrides → schema → resolved config → mode checks.
 * Every problem found at a stage is reported together in one ConfigError.
 */
import { resolve as resolvePath } from 'node:path';
import { checkedIssues } from './locate.ts';
import { consistencyIssues, productionIssues } from './checks.ts';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';
import { applyEnv } from './env.ts';
import { ConfigError } from './errors.ts';
import { readConfigFile, type ConfigFile } from './file.ts';
import type { ConfigInput } from './input.ts';
import { resolveOidcSecrets } from './oidc-secrets.ts';
import { resolveConfig } from './resolve.ts';
import type { OlympusConfig } from './types.ts';

export interface LoadConfigOptions {
  /** Development mode (`olympus serve --dev`): local defaults, generated secrets, http allowed. */
  dev: boolean;
  /** YAML config file, relative to `cwd`. */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const fillSecrets = async (config: OlympusConfig): Promise<OlympusConfig> => {
  const { system, cookie } = config.secrets;
  if (config.dev && (system.length === 0 || cookie.length === 0)) {
    const stored = await loadOrCreateDevSecrets(config.dataDir);
    return { ...config, secrets: { system: system.length ? system : stored.system, cookie: cookie.length ? cookie : stored.cookie } };
  }
  // Outside --dev, cookies fall back to the system secrets (Kratos does the same with secrets.default).
  return cookie.length ? config : { ...config, secrets: { system, cookie: system } };
};

export const loadConfig = async (opts: LoadConfigOptions): Promise<OlympusConfig> => {
  const cwd = opts.cwd ?? process.cwd();
  const file: ConfigFile | undefined = opts.configPath
    ? await readConfigFile(opts.configPath, resolvePath(cwd, opts.configPath))
    : undefined;
  const { input, fromEnv } = applyEnv(file?.data ?? {}, opts.env ?? process.env);

  const schemaProblems = checkedIssues(input, file, fromEnv);
  if (schemaProblems.length > 0) {
    const where = file ? ` in ${file.name}` : '';
    throw new ConfigError(`The configuration${where} has ${plural(schemaProblems.length, 'problem')}:`, schemaProblems);
  }

  // Provider secrets given as env:// or file:// references are read here, once (oidc-secrets.ts).
  const { config, issues: secretIssues } = await resolveOidcSecrets(resolveConfig(input as ConfigInput, { dev: opts.dev, cwd }), opts.env ?? process.env, cwd);
  const problems = [...secretIssues, ...consistencyIssues(config), ...(opts.dev ? [] : productionIssues(config))];
  if (problems.length > 0) {
    const mode = opts.dev ? '' : ' in production mode (use --dev to try Olympus on a laptop)';
    throw new ConfigError(`Olympus cannot start${mode}; fix ${plural(problems.length, 'problem')}:`, problems);
  }
  return fillSecrets(config);
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
