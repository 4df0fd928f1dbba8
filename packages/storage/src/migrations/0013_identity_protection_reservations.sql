-- Login attempts in flight, kept apart from confirmed failures (docs/operations/protection.md): `hits`
-- now counts only failures, `in_flight` the attempts reserved and not yet settled. A reservation
-- generation starts at `in_flight_since` and is forgotten at `in_flight_expires_at` (moved by every
-- granted reservation), so a node that dies mid-attempt holds its reservations only that long; a
-- settle from an older generation is ignored. `last_grant` names the attempt that got the latest
-- reservation, which is how one statement answers "granted or not".

ALTER TABLE identity_protection_counters ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
ALTER TABLE identity_protection_counters ADD COLUMN in_flight_since BIGINT NOT NULL DEFAULT 0;
ALTER TABLE identity_protection_counters ADD COLUMN in_flight_expires_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE identity_protection_counters ADD COLUMN last_grant TEXT;
