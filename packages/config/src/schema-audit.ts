/**
 * Schema of the `audit` section: how long the audit log (docs/operations/audit.md) keeps its events
 * before `olympus janitor` deletes them.
 */
import { section, ttl } from './schema-nodes.ts';

export const auditSchemaSection = {
  audit: section('The audit log of changes made through the admin API and the console.', {
    retention: ttl('How long an audit event is kept; `olympus janitor` deletes older ones (2160h: 90 days).', '2160h'),
  }),
};
