-- The flow tracer's events (packages/storage/src/trace-events.ts, docs/operations/tracing.md): one row
-- per decision of a login, appended in batches by the server's recorder and never updated; `olympus
-- janitor` deletes rows older than `trace.retention`. `seq` orders events of the same millisecond.
-- Each lookup the tracer offers has its index: a trace's chain, a request id, a client's or an
-- identity's recent events, and counts of one stop and outcome since a time (Athena's Home).
-- `evidence` is stored redacted (docs/security.md AS-50).

CREATE TABLE trace_events (
  seq            {{serial_primary_key}},
  id             TEXT NOT NULL UNIQUE,
  schema_version INTEGER NOT NULL,
  trace_id       TEXT NOT NULL,
  stop           TEXT NOT NULL,
  occurred_at    BIGINT NOT NULL,
  duration_ms    INTEGER NOT NULL,
  outcome        TEXT NOT NULL,
  error_code     TEXT,
  error_id       TEXT,
  request_id     TEXT,
  client_id      TEXT,
  identity_id    TEXT,
  challenge_id   TEXT,
  flow_id        TEXT,
  evidence       {{json}} NOT NULL
);
CREATE INDEX trace_events_trace ON trace_events (trace_id, occurred_at, seq);
CREATE INDEX trace_events_request ON trace_events (request_id);
CREATE INDEX trace_events_client ON trace_events (client_id, occurred_at, seq);
CREATE INDEX trace_events_identity ON trace_events (identity_id, occurred_at, seq);
CREATE INDEX trace_events_stop_outcome ON trace_events (stop, outcome, occurred_at);
CREATE INDEX trace_events_time ON trace_events (occurred_at, seq);
