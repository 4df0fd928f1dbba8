import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
export const VERSION = process.env.OLYMPUS_VERSION ?? pkg.version ?? '0.0.0-dev';
