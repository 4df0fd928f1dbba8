/** An Io that captures output, with a chosen environment, in-memory files and a fake server module. */
import type { Io } from '../../src/io.ts';
import type { ServerModule } from '../../src/server/server-module.ts';
import { run } from '../../src/run.ts';

export interface CapturedIo extends Io {
  out: string[];
  err: string[];
  readonly stdoutText: string;
  readonly stderrText: string;
  /** Fires the handlers given to onShutdown, like SIGINT would. */
  shutdown(): void;
}

export interface IoSetup {
  env?: Record<string, string>;
  files?: Record<string, string>;
  stdin?: string;
  server?: ServerModule;
  onStderr?: (text: string) => void;
}

export const captureIo = (setup: IoSetup = {}): CapturedIo => {
  const out: string[] = [];
  const err: string[] = [];
  const shutdownHandlers: (() => void)[] = [];
  return {
    out,
    err,
    get stdoutText() {
      return out.join('');
    },
    get stderrText() {
      return err.join('');
    },
    stdout: (text) => void out.push(text),
    stderr: (text) => {
      err.push(text);
      setup.onStderr?.(text);
    },
    env: setup.env ?? {},
    readStdin: async () => setup.stdin ?? '',
    readFile: async (path) => {
      if (path === '-') return setup.stdin ?? '';
      const content = setup.files?.[path];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
    onShutdown: (handler) => void shutdownHandlers.push(handler),
    shutdown: () => shutdownHandlers.splice(0).forEach((handler) => handler()),
    loadServer: async () => {
      if (!setup.server) throw new Error('no fake server module in this test');
      return setup.server;
    },
  };
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against `endpoint` (passed with -e unless the test sets endpoints itself). */
export const runCli = async (argv: string[], setup: IoSetup = {}): Promise<CliResult> => {
  const io = captureIo(setup);
  const code = await run(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
};
