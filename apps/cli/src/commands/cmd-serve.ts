/**
 * `olympus serve [all]`: runs every part (both origins) in this process until SIGINT/SIGTERM.
 * Hydra's `serve public|admin` split does not exist: one process serves both origins.
 */
import { flushCompileCache } from 'node:module';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { holdYoungGeneration } from '../server/young-generation.ts';

export const serve: Command = {
  verb: 'serve',
  nouns: [],
  summary: 'Run Olympus (public and admin origins) until interrupted',
  args: { usage: '[all]', min: 0, max: 1 },
  options: {
    dev: { type: 'boolean', description: 'development mode: http allowed, debug details in errors, dev cookies' },
    config: { type: 'string', short: 'c', value: 'file', description: 'configuration file (YAML or JSON)' },
    'sqa-opt-out': { type: 'boolean', description: 'accepted for hydra compatibility; Olympus sends no telemetry' },
  },
  details: 'Examples:\n  olympus serve --dev\n  olympus serve -c /etc/olympus/olympus.yml',
  async run({ flags, args, io }) {
    if (args[0] !== undefined && args[0] !== 'all') {
      throw new UsageError(`"serve ${args[0]}" does not exist: one process serves both origins; run "olympus serve"`);
    }
    const letYoungGenerationGrow = holdYoungGeneration();
    const configPath = flags.string('config');
    const server = await io
      .loadServer()
      .then(({ serve: start }) => start({ dev: flags.boolean('dev') === true, ...(configPath ? { configPath } : {}) }))
      .finally(letYoungGenerationGrow);
    // Written now rather than at exit, so the next start is fast even when this one is killed (main.ts).
    flushCompileCache();
    await new Promise<void>((resolve) => io.onShutdown(resolve));
    await server.close();
    return 0;
  },
};
