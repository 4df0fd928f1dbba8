import { generateDevSecrets } from './dev-secrets.ts';
import { resolveConfig } from './resolve.ts';
import type { OlympusConfig } from './types.ts';

export interface DevConfigOptions {
  /** Public and admin base URLs (their ports are the listen ports); the issuer and UI URLs follow. */
  publicUrl?: string;
  adminUrl?: string;
  dsn?: string;
}

/**
 * The resolved --dev configuration with nothing on disk: in-memory SQLite unless a DSN is given,
 * fresh secrets in memory. For tests, benchmarks and embedding; `olympus serve --dev` uses loadConfig.
 */
export const defaultDevConfig = (cwd: string, options: DevConfigOptions = {}): OlympusConfig => {
  const serve = {
    ...(options.publicUrl ? { public: { base_url: options.publicUrl } } : {}),
    ...(options.adminUrl ? { admin: { base_url: options.adminUrl } } : {}),
  };
  const config = resolveConfig({ serve }, { dev: true, cwd });
  return { ...config, dsn: options.dsn ?? 'sqlite://:memory:', secrets: generateDevSecrets() };
};
