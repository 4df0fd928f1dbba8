/**
 * Bundles the Ory Elements login page (login-page.tsx) with esbuild's JS API into a temporary folder,
 * once per test file: everything comes from node_modules, nothing is fetched. `process.env` is
 * replaced because Elements reads NODE_ENV and VERCEL_ENV, which a browser does not have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface PageBundle {
  /** The folder holding login-page.js and login-page.css. */
  dir: string;
  remove(): void;
}

const ENTRY = fileURLToPath(new URL('./login-page.tsx', import.meta.url));

export const bundleLoginPage = async (): Promise<PageBundle> => {
  const dir = mkdtempSync(join(tmpdir(), 'olympus-ory-elements-'));
  await build({
    entryPoints: [ENTRY],
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', 'process.env.VERCEL_ENV': 'undefined' },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};
