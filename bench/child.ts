/**
 * Starts one target in its own Node process (the pinned Node running this script), asks it for
 * fixtures over IPC, and stops it. Its output is kept quiet and shown only when it fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { ChildMessage, Fixtures, MintRequest, Wanted } from './targets/protocol.ts';

export interface RunningTarget {
  /** Fresh fixtures (refresh tokens, login flows, signed-in browsers), minted by the target itself. */
  fixtures(wanted: Wanted): Promise<Fixtures>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const MINT_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_KEPT = 4_000;

export const startTarget = async (entry: string, env: Record<string, string>): Promise<RunningTarget> => {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const tell = (what: string) => new Error(`${what}\n${output}`.trimEnd());
  try {
    await answer(child, (m) => m.type === 'ready' || m.type === 'failed', START_TIMEOUT_MS, tell).then((m) => {
      if (m.type === 'failed') throw tell(m.reason);
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  let nextId = 1;
  return {
    async fixtures(wanted) {
      const id = nextId++;
      const reply = answer(child, (m) => (m.type === 'minted' || m.type === 'mint-failed') && m.id === id, MINT_TIMEOUT_MS, tell);
      child.send({ type: 'mint', id, ...wanted } satisfies MintRequest);
      const message = await reply;
      if (message.type !== 'minted') throw tell(`could not mint fixtures: ${message.type === 'mint-failed' ? message.reason : message.type}`);
      return message.fixtures;
    },
    stop: () => stopChild(child),
  };
};

/** The child's first message that `wanted` accepts; fails if it exits or stays silent first. */
const answer = (child: ChildProcess, wanted: (m: ChildMessage) => boolean, timeoutMs: number, tell: (what: string) => Error): Promise<ChildMessage> =>
  new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      if (!wanted(message)) return;
      done();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      done();
      reject(tell(`the target exited (${signal ?? code})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(tell(`no answer from the target within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
};
