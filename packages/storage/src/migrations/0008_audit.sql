-- The audit log (packages/storage/src/audit-events.ts, docs/operations/audit.md): one row per change
-- made through the admin API or the console, appended once and never updated; `olympus janitor`
-- deletes rows older than `audit.retention`. `seq` orders events of the same millisecond; the list
-- reads newest first by (occurred_at, seq), alone or after one of the filters, each with its index.
-- `diff` and `details` are stored redacted (docs/security.md AS-46).

CREATE TABLE audit_events (
  seq          {{serial_primary_key}},
  id           TEXT NOT NULL UNIQUE,
  occurred_at  BIGINT NOT NULL,
  actor_kind   TEXT NOT NULL,
  actor_id     TEXT NOT NULL,
  actor_label  TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT NOT NULL,
  target_label TEXT,
  diff         {{json}} NOT NULL,
  details      {{json}},
  request_id   TEXT,
  outcome      TEXT NOT NULL
);
CREATE INDEX audit_events_time ON audit_events (occurred_at, seq);
CREATE INDEX audit_events_actor ON audit_events (actor_id, occurred_at, seq);
CREATE INDEX audit_events_target ON audit_events (target_id, occurred_at, seq);
CREATE INDEX audit_events_target_type ON audit_events (target_type, occurred_at, seq);
CREATE INDEX audit_events_action ON audit_events (action, occurred_at, seq);
