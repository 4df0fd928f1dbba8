#!/usr/bin/env node
// The `olympus` bin. The CLI is TypeScript that Node runs directly (type stripping, Node ≥ 22.18
// or ≥ 23.6). This file is plain JavaScript so any Node can start it: on a Node that strips types
// it imports src/main.ts in-process; on an older one (the system's or CI's Node 20) it re-runs
// src/main.ts under the Node the repository pins (the `node` package in node_modules).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const mainUrl = new URL('../src/main.ts', import.meta.url);
const [major, minor] = process.versions.node.split('.').map(Number);
const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

/** The pinned Node binary in the nearest node_modules above this file. */
const findPinnedNode = (from) => {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'node', 'bin', 'node');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
};

if (stripsTypes) {
  await import(mainUrl.href);
} else {
  const main = fileURLToPath(mainUrl);
  const pinned = findPinnedNode(dirname(main));
  if (!pinned) {
    process.stderr.write(
      `olympus needs Node ≥ 22.18 (this is ${process.version}); run "npm install" in the Olympus repository to get its pinned Node.\n`,
    );
    process.exit(1);
  }
  const child = spawn(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches the child directly (same process group); forwarding it too would interrupt the
  // child's clean shutdown. Signals sent to this process alone are passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
