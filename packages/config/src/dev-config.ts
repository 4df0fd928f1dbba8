import { generateDevSecrets } from './dev-secrets.ts';
import { resolveConfig } from './resolve.ts';
import type { OlympusConfig } from './types.ts';

/**
 * The resolved --dev configuration with nothing on disk: in-memory SQLite DSN, fresh secrets in
 * memory. For tests and embedding; `olympus serve --dev` uses loadConfig instead.
 */
export const defaultDevConfig = (cwd: string): OlympusConfig => {
  const config = resolveConfig({}, { dev: true, cwd });
  return { ...config, dsn: 'sqlite://:memory:', secrets: generateDevSecrets() };
};
