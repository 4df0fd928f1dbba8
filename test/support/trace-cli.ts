/**
 * `olympus trace <id> --format json` run as its own process against a server's admin URL, as a
 * developer runs it: the one trace it found, its stops in order, its failure and its notices.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_LAUNCHER = 'apps/cli/bin/olympus.js';

export interface Finding {
  level: 'failure' | 'notice';
  stop: string;
  cause: string;
  summary: string;
  evidence: { label: string; value: string }[];
  fix: string;
  doc_page: string;
}

export interface Explained {
  matched: string;
  stops: string[];
  failure?: Finding;
  notices: Finding[];
}

interface CliAnswer {
  matched: string;
  traces: { trace_id: string; events: { stop: string }[]; diagnosis: { findings: Finding[] } }[];
}

export const runOlympus = (args: string[], adminUrl: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, OLYMPUS_ADMIN_URL: adminUrl };
    for (const name of ['ORY_SDK_URL', 'OLYMPUS_ADMIN_API_KEY']) delete env[name];
    execFile(process.execPath, [CLI_LAUNCHER, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

/** The single trace `id` names, explained. */
export const traceCli = async (adminUrl: string, id: string): Promise<Explained> => {
  const run = await runOlympus(['trace', id, '--format', 'json'], adminUrl);
  assert.equal(run.code, 0, `olympus trace ${id}: ${run.stderr}${run.stdout}`);
  const answer = JSON.parse(run.stdout) as CliAnswer;
  assert.equal(answer.traces.length, 1, `one trace for ${id} (matched ${answer.matched}): ${answer.traces.map((t) => t.trace_id)}`);
  const [trace] = answer.traces;
  const findings = trace!.diagnosis.findings;
  return {
    matched: answer.matched,
    stops: trace!.events.map((e) => e.stop),
    failure: findings.find((f) => f.level === 'failure'),
    notices: findings.filter((f) => f.level === 'notice'),
  };
};
