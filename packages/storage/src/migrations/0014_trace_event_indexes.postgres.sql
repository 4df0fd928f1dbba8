-- The flow tracer's events (migrations 0010, 0011) written with fewer index entries; the SQLite file
-- of this migration says why each change is safe. `id` loses its UNIQUE index (the constraint
-- PostgreSQL named for migration 0010's column), and the indexes on columns an event may leave empty
-- only hold the events that have the value: an equality on the column implies `IS NOT NULL`, so the
-- planner still uses them (https://www.postgresql.org/docs/current/indexes-partial.html).

ALTER TABLE trace_events DROP CONSTRAINT trace_events_id_key;
DROP INDEX trace_events_request, trace_events_client, trace_events_identity, trace_events_challenge, trace_events_flow, trace_events_error;
CREATE INDEX trace_events_request ON trace_events (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX trace_events_client ON trace_events (client_id, occurred_at, seq) WHERE client_id IS NOT NULL;
CREATE INDEX trace_events_identity ON trace_events (identity_id, occurred_at, seq) WHERE identity_id IS NOT NULL;
CREATE INDEX trace_events_challenge ON trace_events (challenge_id) WHERE challenge_id IS NOT NULL;
CREATE INDEX trace_events_flow ON trace_events (flow_id) WHERE flow_id IS NOT NULL;
CREATE INDEX trace_events_error ON trace_events (error_id) WHERE error_id IS NOT NULL;
