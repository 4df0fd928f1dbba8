-- One-time codes of the recovery and verification flows (packages/storage/src/identity/codes.ts),
-- Times are epoch milliseconds. Only a keyed hash of each code is stored, bound to
-- its flow; `used_at` marks a code used or revoked, so a code works once (docs/security.md ID-16).
-- `identity_code_submissions` counts the code submissions of each flow; the count is raised in one
-- statement, so parallel guesses are each counted.

CREATE TABLE identity_codes (
  id          TEXT PRIMARY KEY,
  flow_id     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  address     TEXT NOT NULL,
  code_hash   TEXT NOT NULL,
  expires_at  BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  used_at     BIGINT
);
CREATE INDEX identity_codes_flow ON identity_codes (flow_id, created_at);
CREATE INDEX identity_codes_expiry ON identity_codes (expires_at);

CREATE TABLE identity_code_submissions (
  flow_id    TEXT PRIMARY KEY,
  count      INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX identity_code_submissions_age ON identity_code_submissions (updated_at);
