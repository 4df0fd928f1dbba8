-- The flow tracer's events (migrations 0010, 0011) written with fewer index entries: a login writes
-- about seven events, each of which updated the table and ten indexes.
-- * `id` loses its UNIQUE index: no query reads an event by id, ids are random UUIDs
--   (packages/trace/src/new-event.ts), and that index was the dearest one to keep (a random 36-character
--   key checked, then inserted, per event). SQLite cannot drop a column constraint, so the table is
--   rebuilt as https://www.sqlite.org/lang_altertable.html#otheralter describes; rows keep their
--   `seq`, and the AUTOINCREMENT counter carries over, so a `seq` is still never reused.
-- * The indexes on columns an event may leave empty only hold the events that have the value: each
--   query on them is an equality, which implies `IS NOT NULL`, so it still uses them
--   (https://www.sqlite.org/partialindex.html#queries_using_partial_indexes). A client credentials
--   event has no identity, challenge, flow or error id; a successful login's events have no error id.

CREATE TABLE trace_events_0014 (
  seq            {{serial_primary_key}},
  id             TEXT NOT NULL,
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
INSERT INTO trace_events_0014 (seq, id, schema_version, trace_id, stop, occurred_at, duration_ms, outcome, error_code, error_id, request_id, client_id, identity_id, challenge_id, flow_id, evidence)
  SELECT seq, id, schema_version, trace_id, stop, occurred_at, duration_ms, outcome, error_code, error_id, request_id, client_id, identity_id, challenge_id, flow_id, evidence
  FROM trace_events;
DELETE FROM sqlite_sequence WHERE name = 'trace_events_0014';
INSERT INTO sqlite_sequence (name, seq) SELECT 'trace_events_0014', seq FROM sqlite_sequence WHERE name = 'trace_events';
DROP TABLE trace_events;
ALTER TABLE trace_events_0014 RENAME TO trace_events;

CREATE INDEX trace_events_trace ON trace_events (trace_id, occurred_at, seq);
CREATE INDEX trace_events_stop_outcome ON trace_events (stop, outcome, occurred_at);
CREATE INDEX trace_events_time ON trace_events (occurred_at, seq);
CREATE INDEX trace_events_request ON trace_events (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX trace_events_client ON trace_events (client_id, occurred_at, seq) WHERE client_id IS NOT NULL;
CREATE INDEX trace_events_identity ON trace_events (identity_id, occurred_at, seq) WHERE identity_id IS NOT NULL;
CREATE INDEX trace_events_challenge ON trace_events (challenge_id) WHERE challenge_id IS NOT NULL;
CREATE INDEX trace_events_flow ON trace_events (flow_id) WHERE flow_id IS NOT NULL;
CREATE INDEX trace_events_error ON trace_events (error_id) WHERE error_id IS NOT NULL;
