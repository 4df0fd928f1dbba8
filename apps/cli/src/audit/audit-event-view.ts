/** How audit events are shown: when, who, what, on what, and which fields changed (their values are in --format json). */
import type { View } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

/** What GET /admin/audit-events returns (docs/operations/audit.md), every field optional. */
export interface AuditEventResponse {
  id?: string;
  time?: string;
  actor?: { kind?: string; id?: string; label?: string };
  action?: string;
  target?: { type?: string; id?: string; label?: string };
  diff?: Array<{ path?: string }>;
  details?: Record<string, unknown>;
  request_id?: string | null;
}

const targetOf = (e: AuditEventResponse): string => {
  const { type = '', id = '', label } = e.target ?? {};
  return `${type} ${id}${label ? ` (${label})` : ''}`.trim();
};

const COLUMNS: readonly Column<AuditEventResponse>[] = [
  { header: 'TIME', value: (e) => e.time },
  { header: 'ACTOR', value: (e) => e.actor?.id },
  { header: 'ACTION', value: (e) => e.action },
  { header: 'TARGET', value: targetOf },
  { header: 'CHANGED', value: (e) => [...(e.diff ?? []).map((c) => c.path ?? ''), ...Object.keys(e.details ?? {})] },
  { header: 'REQUEST ID', value: (e) => e.request_id },
];

export const auditEventsView = (events: readonly AuditEventResponse[]): View => ({
  json: events,
  ids: events.map((e) => e.id ?? ''),
  table: tableOf(COLUMNS, events, false),
});
