/**
 * Keeps V8's young generation at its starting size while `serve` loads and starts, then lets it grow
 * again. Loading ≈1,700 modules allocates much that survives, and on that V8 grows the young
 * generation to its maximum (two 32 MB semi-spaces) and keeps it committed while the node then sits
 * idle: ≈30 MB of an idle node's RSS (docs/decisions/0002-hot-path-performance.md, "Start-up and
 * memory"). With the growth factor at 1 during start-up it stays at its first size; once the node
 * serves, V8's default growth comes back, so under load the young generation grows as before and
 * throughput is unchanged.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default (`node --v8-options`: `--semi-space-growth-factor=2`). */
const DEFAULT_GROWTH_FACTOR = 2;

/** An operator who tunes the young generation (NODE_OPTIONS or node's own flags) keeps their setting. */
const tunedByOperator = (): boolean =>
  [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /semi[-_]space/.test(arg));

/** Holds the young generation at its size now; the returned function lets it grow again (idempotent). */
export const holdYoungGeneration = (): (() => void) => {
  if (tunedByOperator()) return () => {};
  setFlagsFromString('--semi-space-growth-factor=1');
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  };
};
