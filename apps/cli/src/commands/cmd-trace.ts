/**
 * `olympus trace <id>`: the flow tracer's chains for an id (docs/operations/tracing.md), read from
 * GET /admin/trace-events, each with @olympus/trace's diagnosis: the first failing stop, its cause,
 * the evidence, the fix and the docs page. The id may be a trace id, a request id (X-Request-Id), an
 * error id, a challenge, a flow id, a client id, an identity id or an email; the output says which
 * matched. Exit 1 when none did (unless --follow waits for it).
 */
import type { Command } from '../command.ts';
import { CommandFailed } from '../errors.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { formatView, outputFormat } from '../output/print.ts';
import { findTrace, type FoundTrace } from '../trace/find-trace.ts';
import { followTraces } from '../trace/follow.ts';
import { renderChain } from '../trace/render-chain.ts';
import { readSince } from '../trace/since.ts';
import type { TraceSelector } from '../trace/trace-event.ts';
import { traceViews, traceViewWire, type TraceView } from '../trace/trace-view.ts';

const SELECTOR_NAMES: Record<TraceSelector, string> = {
  trace_id: 'trace id', request_id: 'request id', error_id: 'error id', challenge: 'challenge', flow_id: 'flow id',
  client_id: 'client id', identity_id: 'identity id', email: 'email',
};

const blockOf = (view: TraceView): string[] => ['', `Trace ${view.trace_id} (${view.diagnosis.outcome})`, ...renderChain(view)];

export const trace: Command = {
  verb: 'trace',
  nouns: [],
  summary: 'Show the flow tracer\'s chain for an id, the stop that failed, its cause and the fix',
  args: { usage: '<id>', min: 1, max: 1 },
  options: {
    'page-size': { type: 'string', value: 'n', description: 'at most this many events (server default: 250)' },
    since: { type: 'string', value: 'time', description: 'only events since an RFC 3339 time or a duration back from now (10m, 2h)' },
    follow: { type: 'boolean', description: 'keep polling every second and print new or grown traces until Ctrl-C' },
    ...adminOptions,
  },
  details: 'The id is tried as a trace id, a request id (X-Request-Id), an error id (from an error page), a login, consent or logout challenge, a flow id, a client id and an identity id; an email names the identity with that identifier.\n\nExamples:\n  olympus trace 3f6c…\n  olympus trace my-client --since 10m --follow\n  olympus trace jane@example.com --format json',
  async run({ args, flags, io }) {
    const id = args[0]!;
    const api = adminApi(flags, io);
    const query = { pageSize: flags.integer('page-size', { min: 1 }), since: readSince(flags.string('since'), Date.now()) };
    const follow = flags.boolean('follow') === true;
    const found = await findTrace(api, id, query);
    if (found === undefined && !follow) {
      throw new CommandFailed(`No trace event matches "${id}" as a trace id, request id, client id or identity id (nor as an error id, challenge, flow id or email).`);
    }
    const format = outputFormat(flags);
    const quiet = flags.boolean('quiet') === true;
    const views = found === undefined ? [] : traceViews(found.events, Date.now());
    const printed = new Map(views.map((v) => [v.trace_id, v.events.length]));
    if (follow && format === 'json') {
      const printLine = (view: TraceView, by: FoundTrace): void => io.stdout(`${JSON.stringify({ matched: by.matched, ...traceViewWire(view) })}\n`);
      for (const view of views) printLine(view, found!);
      await followTraces({ api, io, id, query, found, printed, print: printLine });
      return 0;
    }
    if (format !== 'table' || quiet) {
      if (found === undefined) throw new CommandFailed(`No trace event matches "${id}" yet; --follow waits for one only with --format table or json.`);
      const json = { matched: found.matched, traces: views.map(traceViewWire), events: found.events };
      io.stdout(formatView({ json, ids: views.map((v) => v.trace_id), table: { header: [], rows: [], layout: 'list' as const } }, format, quiet));
      return 0;
    }
    if (found === undefined) io.stdout(`Nothing matches "${id}" yet; following.\n`);
    else io.stdout(`${[`Matched ${SELECTOR_NAMES[found.matched]} ${id}: ${found.events.length} event(s) in ${views.length} trace(s).`, ...views.flatMap(blockOf)].join('\n')}\n`);
    if (follow) await followTraces({ api, io, id, query, found, printed, print: (view) => io.stdout(`${blockOf(view).join('\n')}\n`) });
    return 0;
  },
};
