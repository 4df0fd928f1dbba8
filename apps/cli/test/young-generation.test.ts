/**
 * `serve` holds V8's young generation at its first size while it starts and lets it grow once up
 * (src/server/young-generation.ts). Run in a child process, so this test runner's heap is left alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const MODULE = new URL('../src/server/young-generation.ts', import.meta.url).href;

/** New-space sizes (MB) after allocating survivors while held, then after letting go. */
const SCRIPT = `
import { getHeapSpaceStatistics } from 'node:v8';
const { holdYoungGeneration } = await import(${JSON.stringify(MODULE)});
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
const churn = () => { let kept = []; for (let i = 0; i < 5e6; i++) { kept.push({ i }); if (kept.length > 200000) kept = []; } };
const letGrow = holdYoungGeneration();
churn();
const held = newSpace();
letGrow();
letGrow();
churn();
process.stdout.write(JSON.stringify({ held, released: newSpace() }));
`;

const run = (execArgv: string[] = []) => {
  const child = spawnSync(process.execPath, [...execArgv, '--input-type=module', '-e', SCRIPT], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { held: number; released: number };
};

// V8 sizes the young generation by its own heuristics, so the tests compare sizes, never fix them.
test('the young generation grows less while held than once let go, and less than without the hold', () => {
  const { held, released } = run();
  assert.ok(released > held, `new space ${released} MB after letting go, ${held} MB while held`);
  // An operator's own semi-space flag switches the hold off: the same allocations grow it further.
  const unheld = run(['--max-semi-space-size=16']).held;
  assert.ok(unheld > held, `new space ${unheld} MB without the hold, ${held} MB with it`);
});
