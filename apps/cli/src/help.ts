/** Help texts, generated from the command table and the flag specs. */
import type { Command } from './command.ts';
import type { OptionSpec } from './options.ts';
import { COMMANDS, commandName, commandsWithVerb } from './registry.ts';

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - text.length));

const commandList = (commands: readonly Command[]): string => {
  const names = commands.map(commandName);
  const width = Math.max(...names.map((name) => name.length)) + 3;
  return commands.map((command, index) => `  ${padEnd(names[index], width)}${command.summary}`).join('\n');
};

export const rootHelp = (): string =>
  [
    'olympus — run and manage Olympus, a self-hosted OAuth2 / OpenID Connect server (hydra-compatible CLI)',
    '',
    'Usage: olympus <command> [arguments] [flags]',
    '',
    'Commands:',
    commandList(COMMANDS),
    '  help [<command>]',
    '',
    'Client commands talk to the admin API at --endpoint, $ORY_SDK_URL, $OLYMPUS_ADMIN_URL or http://localhost:4445.',
    'Run "olympus <command> --help" for its flags.',
    '',
  ].join('\n');

export const verbHelp = (verb: string): string =>
  [`Usage: olympus ${verb} <target> [arguments] [flags]`, '', 'Targets:', commandList(commandsWithVerb(verb)), ''].join(
    '\n',
  );

const flagLabel = (name: string, spec: OptionSpec): string => {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` <${spec.value ?? 'value'}>` : '';
  return `  ${short}--${name}${value}`;
};

const flagHelp = (options: Readonly<Record<string, OptionSpec>>): string => {
  const helpFlag: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };
  const entries: [string, OptionSpec][] = [...Object.entries(options), ['help', helpFlag]];
  const labels = entries.map(([name, spec]) => flagLabel(name, spec));
  const width = Math.min(Math.max(...labels.map((label) => label.length)) + 2, 48);
  return entries
    .map(([, spec], index) => {
      const label =
        labels[index].length >= width ? `${labels[index]}\n${' '.repeat(width)}` : padEnd(labels[index], width);
      return `${label}${spec.description}${spec.default ? ` (default: ${spec.default})` : ''}`;
    })
    .join('\n');
};

export const usageLine = (command: Command): string =>
  `Usage: olympus ${commandName(command)}${command.args.usage ? ` ${command.args.usage}` : ''} [flags]`;

export const commandHelp = (command: Command): string => {
  const aliases = command.nouns.slice(1).map((noun) => `olympus ${command.verb} ${noun}`);
  return [
    usageLine(command),
    ...(aliases.length ? [`Aliases: ${aliases.join(', ')}`] : []),
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Flags:',
    flagHelp(command.options),
    '',
  ].join('\n');
};
