/** `olympus version`. */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { cliVersion } from '../version.ts';

export const version: Command = {
  verb: 'version',
  nouns: [],
  summary: 'Print the version',
  args: noArgs,
  options: {},
  async run({ io }) {
    io.stdout(`olympus ${cliVersion()} (node ${process.version})\n`);
    return 0;
  },
};
