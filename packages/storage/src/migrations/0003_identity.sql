-- Identities. Each row keeps the whole identity (traits, addresses, credentials) as
-- JSON in `data`; the columns exist for lookups and keyset paging. Ids are time-ordered (UUIDv7), so
-- paging by id lists identities in creation order.
-- A credential identifier (the email of a password credential, ...) belongs to at most one identity
-- per credential type: the UNIQUE key is what makes a concurrent duplicate lose (Kratos answers 409).

CREATE TABLE identities (
  id          TEXT PRIMARY KEY,
  schema_id   TEXT NOT NULL,
  state       TEXT NOT NULL,
  external_id TEXT,
  created_at  BIGINT NOT NULL,
  data        {{json}} NOT NULL
);
CREATE INDEX identities_external_id ON identities (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE identity_credential_identifiers (
  type        TEXT NOT NULL,
  identifier  TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  PRIMARY KEY (type, identifier)
);
CREATE INDEX identity_credential_identifiers_identity ON identity_credential_identifiers (identity_id);
CREATE INDEX identity_credential_identifiers_value ON identity_credential_identifiers (identifier, identity_id);
