/**
 * The shape every `cmd-<verb>-<noun>.ts` module exports. The dispatcher picks a command by verb and
 * noun, checks the argument count, parses the flags and calls `run`.
 */
import type { Io } from './io.ts';
import type { Flags, OptionSpecs } from './options.ts';

export interface CommandInput {
  flags: Flags;
  args: string[];
  io: Io;
}

export interface Command {
  verb: string;
  /** Accepted nouns, canonical first (Hydra's aliases follow). Empty for `serve`, `migrate`, `version`. */
  nouns: readonly string[];
  summary: string;
  /** Positional arguments: help placeholder and how many are allowed. */
  args: { usage: string; min: number; max: number };
  options: OptionSpecs;
  /** Extra help text: details and examples. */
  details?: string;
  /** Resolves to the exit code; anything thrown is printed by the dispatcher. */
  run(input: CommandInput): Promise<number>;
}

export const noArgs = { usage: '', min: 0, max: 0 } as const;
