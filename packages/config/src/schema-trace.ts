/**
 * Schema of the `trace` section: whether the flow tracer records each decision of a login
 * (docs/operations/tracing.md), and how long its events are kept before `olympus janitor` deletes them.
 */
import { Type } from '@sinclair/typebox';
import { formatDuration, parseDuration } from './duration.ts';
import { boolean, filled, section } from './schema-nodes.ts';

const HOUR = 3_600_000;

/** A duration whose default follows --dev; decode.ts fills the default in after decoding, so it is given in milliseconds. */
const retention = filled(
  Type.Transform(Type.String({
    format: 'duration',
    positiveDuration: true,
    description: 'How long a trace event is kept; `olympus janitor` deletes older ones.',
    'x-default': '`24h` with --dev, else `168h` (7 days)',
    'x-mode-default': { dev: 24 * HOUR, production: 168 * HOUR },
  })).Decode(parseDuration).Encode(formatDuration),
);

export const traceSchemaSection = {
  trace: section('The flow tracer: every decision of a login as a structured event under one trace id.', {
    enabled: boolean('Record trace events. They are written off the request path in batches; nothing secret is stored.', true),
    retention,
  }),
};
