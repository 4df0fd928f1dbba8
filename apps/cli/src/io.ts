/**
 * Everything a command touches outside its arguments: output streams, environment, stdin and the
 * working directory. Commands never use `process` directly, so tests run them in-process.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importServer, type ServerModule } from './server/server-module.ts';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<string>;
  /** Reads a file named on the command line; `-` means stdin. */
  readFile(path: string): Promise<string>;
  /** Runs `handler` once on SIGINT or SIGTERM (`serve` closes the server cleanly). */
  onShutdown(handler: () => void): void;
  /** Loads the server lazily (`serve`, `migrate`). */
  loadServer(): Promise<ServerModule>;
}

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

export const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: () => readAll(process.stdin),
  readFile: (path) => (path === '-' ? readAll(process.stdin) : readFile(resolve(process.cwd(), path), 'utf8')),
  onShutdown: (handler) => {
    const once = (): void => {
      process.off('SIGINT', once);
      process.off('SIGTERM', once);
      handler();
    };
    process.on('SIGINT', once);
    process.on('SIGTERM', once);
  },
  loadServer: importServer,
});
