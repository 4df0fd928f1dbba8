-- Native apps' session-token exchanges (packages/storage/src/identity/token-exchanges.ts; Kratos'
-- session_token_exchanges). Times are epoch milliseconds. Both codes are stored only as keyed hashes;
-- the session token waits sealed until its exchange. `used_at` makes an exchange single use: the
-- redeeming UPDATE matches only a row whose used_at is NULL.

CREATE TABLE session_token_exchanges (
  id                  TEXT PRIMARY KEY,
  flow_id             TEXT NOT NULL UNIQUE,
  init_code_hash      TEXT NOT NULL UNIQUE,
  return_to_code_hash TEXT,
  session_id          TEXT,
  sealed_token        TEXT,
  expires_at          BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  used_at             BIGINT
);
CREATE INDEX session_token_exchanges_expiry ON session_token_exchanges (expires_at);
