/**
 * The dispatcher: `olympus <verb> [<noun>] [args] [flags]` → the command module, flags parsed, the
 * result printed, failures turned into a message on stderr and an exit code (0 ok, 1 failed,
 * 2 bad command line).
 */
import type { Command } from './command.ts';
import { UsageError } from './errors.ts';
import { commandHelp, rootHelp, usageLine, verbHelp } from './help.ts';
import type { Io } from './io.ts';
import { parseFlags } from './options.ts';
import { outputFormat } from './output/print.ts';
import { commandName, commandsWithVerb } from './registry.ts';
import { describeError, exitCodeOf } from './report-error.ts';

const HELP_FLAGS = new Set(['--help', '-h']);

/** `--help` anywhere before a `--` separator. */
const wantsHelp = (args: readonly string[]): boolean => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
};

interface Resolved {
  command: Command;
  args: string[];
}

const resolve = (argv: readonly string[], io: Io): Resolved | number => {
  const [verb, ...rest] = argv;
  const candidates = commandsWithVerb(verb);
  if (candidates.length === 0)
    throw new UsageError(`unknown command "${verb}"\nRun "olympus help" for the list of commands.`);
  if (candidates[0].nouns.length === 0) return { command: candidates[0], args: rest };
  const [noun, ...args] = rest;
  if (noun === undefined || HELP_FLAGS.has(noun)) {
    (noun === undefined ? io.stderr : io.stdout)(verbHelp(verb));
    return noun === undefined ? 2 : 0;
  }
  const command = candidates.find((candidate) => candidate.nouns.includes(noun));
  if (!command) throw new UsageError(`unknown target "${verb} ${noun}"\n\n${verbHelp(verb)}`);
  return { command, args };
};

const checkArity = (command: Command, positionals: readonly string[]): void => {
  const { min, max, usage } = command.args;
  if (positionals.length < min) throw new UsageError(`missing argument ${usage}`);
  if (positionals.length > max) {
    throw new UsageError(`unexpected argument "${positionals[max]}"${max === 0 ? ' (this command takes none)' : ''}`);
  }
};

const runCommand = async (command: Command, args: readonly string[], io: Io): Promise<number> => {
  if (wantsHelp(args)) {
    io.stdout(commandHelp(command));
    return 0;
  }
  try {
    const { flags, positionals } = parseFlags(args, command.options);
    checkArity(command, positionals);
    if ('format' in command.options) outputFormat(flags);
    return await command.run({ flags, args: positionals, io });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint = `${usageLine(command)}\nRun "olympus ${commandName(command)} --help" for all flags.`;
    throw new UsageError(`${error.message}\n\n${hint}`);
  }
};

const help = (topic: readonly string[], io: Io): number => {
  if (topic.length === 0) return (io.stdout(rootHelp()), 0);
  const resolved = resolve([...topic, '--help'], io);
  if (typeof resolved === 'number') return resolved;
  io.stdout(commandHelp(resolved.command));
  return 0;
};

export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === 'help' || HELP_FLAGS.has(first)) return help(first === 'help' ? rest : [], io);
    if (first === '--version') return await run(['version'], io);
    const resolved = resolve(argv, io);
    return typeof resolved === 'number' ? resolved : await runCommand(resolved.command, resolved.args, io);
  } catch (error) {
    io.stderr(describeError(error, Boolean(io.env.OLYMPUS_DEBUG)));
    return exitCodeOf(error);
  }
};
