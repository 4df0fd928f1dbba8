/** The CLI's version, read from apps/cli/package.json so there is one place to bump it. */
import { readFileSync } from 'node:fs';

export const cliVersion = (): string => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? '0.0.0';
};
