#!/usr/bin/env node
/**
 * Entry point: `node apps/cli/src/main.ts <verb> …` (or `npm run olympus -- <verb> …`). Needs a
 * Node that strips TypeScript types (≥ 22.18 / 23.6); bin/olympus.js finds the repo's pinned Node
 * when the system one is older.
 */
import { processIo } from './io.ts';
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2), processIo());
