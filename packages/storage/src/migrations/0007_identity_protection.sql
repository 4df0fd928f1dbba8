-- Brute-force and rate-limit counters of the identity server. One row per counter: the key
-- names what is counted (a keyed hash of an identifier, address or IP, or an identity id — never the
-- identifier itself); `hits` never grows beyond `hit_limit + 1`; a row whose `expires_at` (epoch ms)
-- has passed counts as gone and restarts at the next hit. Nodes delete expired rows in batches.

CREATE TABLE identity_protection_counters (
  counter_key TEXT PRIMARY KEY,
  hits        INTEGER NOT NULL,
  hit_limit   INTEGER NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX identity_protection_counters_expiry ON identity_protection_counters (expires_at);
