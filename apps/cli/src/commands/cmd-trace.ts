/**
 * `olympus trace <id>`: the flow tracer's chain for an id (docs/operations/tracing.md), read from
 * GET /admin/trace-events. The id may be a trace id, a request id (X-Request-Id), a client id or an
 * identity id; each is tried in that order and the output says which matched. Exit 1 when none did.
 */
import type { Command } from '../command.ts';
import { CommandFailed } from '../errors.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { formatView, outputFormat } from '../output/print.ts';
import { findTrace } from '../trace/find-trace.ts';
import { groupByTrace, renderChain } from '../trace/render-chain.ts';

const SELECTOR_NAMES = { trace_id: 'trace id', request_id: 'request id', client_id: 'client id', identity_id: 'identity id' } as const;

export const trace: Command = {
  verb: 'trace',
  nouns: [],
  summary: 'Show the flow tracer\'s chain for a trace, request, client or identity id, and why it stopped',
  args: { usage: '<id>', min: 1, max: 1 },
  options: {
    'page-size': { type: 'string', value: 'n', description: 'at most this many events (server default: 250)' },
    ...adminOptions,
  },
  details: 'The id is tried as a trace id, then a request id (X-Request-Id), a client id and an identity id.\n\nExamples:\n  olympus trace 3f6c…\n  olympus trace my-client --format json',
  async run({ args, flags, io }) {
    const id = args[0]!;
    const found = await findTrace(adminApi(flags, io), id, flags.integer('page-size', { min: 1 }));
    if (found === undefined) throw new CommandFailed(`No trace event matches "${id}" as a trace id, request id, client id or identity id.`);
    const traces = groupByTrace(found.events);
    const format = outputFormat(flags);
    if (format !== 'table' || flags.boolean('quiet') === true) {
      const view = { json: { matched: found.matched, events: found.events }, ids: [...traces.keys()], table: { header: [], rows: [], layout: 'list' as const } };
      io.stdout(formatView(view, format, flags.boolean('quiet') === true));
      return 0;
    }
    const lines = [`Matched ${SELECTOR_NAMES[found.matched]} ${id}: ${found.events.length} event(s) in ${traces.size} trace(s).`];
    for (const [traceId, events] of traces) lines.push('', `Trace ${traceId}`, ...renderChain(events));
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
