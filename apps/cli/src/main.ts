#!/usr/bin/env node
/**
 * Entry point: `node apps/cli/src/main.ts <verb> …` (or `npm run olympus -- <verb> …`). Needs a
 * Node that strips TypeScript types (≥ 22.18 / 23.6); bin/olympus.js finds the repo's pinned Node
 * when the system one is older.
 */
import { enableCompileCache } from 'node:module';

// Stripping the types of every source file and compiling it was half of a start's CPU time
// (docs/decisions/0002-hot-path-performance.md, "Start-up and memory"). Node's compile cache keeps
// both per file, checked against the file's content, so a start after the first one skips them:
// in the folder NODE_COMPILE_CACHE names, else node-compile-cache in the OS's temp folder;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. The modules below load after it is on.
enableCompileCache();
const { processIo } = await import('./io.ts');
const { run } = await import('./run.ts');

process.exitCode = await run(process.argv.slice(2), processIo());
