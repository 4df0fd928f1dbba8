/** Reads a JSON document named on the command line (`-` is stdin), with messages that name the file. */
import { CommandFailed } from './errors.ts';
import type { Io } from './io.ts';

export const readJson = async (io: Io, path: string): Promise<unknown> => {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    throw new CommandFailed(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandFailed(`${path === '-' ? 'stdin' : path} is not valid JSON: ${(error as Error).message}`);
  }
};

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
