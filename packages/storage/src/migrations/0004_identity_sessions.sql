-- Identity sessions and self-service flows. As in 0001, each row keeps its domain object as
-- JSON in `data`; `active` and `expires_at` are authoritative in their columns. Times are epoch ms.
-- A session is found by the keyed hash of its token (cookie or X-Session-Token); the token itself is
-- never stored (docs/security.md ID-8).

CREATE TABLE identity_sessions (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  identity_id TEXT NOT NULL,
  active      BOOLEAN NOT NULL,
  issued_at   BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  data        {{json}} NOT NULL
);
CREATE INDEX identity_sessions_identity ON identity_sessions (identity_id, issued_at, id);
CREATE INDEX identity_sessions_page ON identity_sessions (issued_at, id);
CREATE INDEX identity_sessions_expiry ON identity_sessions (expires_at);

CREATE TABLE selfservice_flows (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  data       {{json}} NOT NULL
);
CREATE INDEX selfservice_flows_expiry ON selfservice_flows (expires_at);
