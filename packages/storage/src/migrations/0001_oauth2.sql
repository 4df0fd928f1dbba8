-- OAuth2 server tables. Each row keeps its domain object as JSON in `data`; the other columns exist
-- for lookups and for atomic updates. Mutable fields (state, used_at, revoked_at) are authoritative
-- in their column. Times are epoch milliseconds (BIGINT). The JSON type and the key sequence are
-- spelled per dialect (dialect-terms.ts); BOOLEAN columns come back as true/false on both.

CREATE TABLE oauth2_clients (
  client_id   TEXT PRIMARY KEY,
  client_name TEXT NOT NULL,
  owner       TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  data        {{json}} NOT NULL
);
CREATE INDEX oauth2_clients_page ON oauth2_clients (created_at, client_id);
CREATE INDEX oauth2_clients_name ON oauth2_clients (client_name, created_at, client_id);
CREATE INDEX oauth2_clients_owner ON oauth2_clients (owner, created_at, client_id);

CREATE TABLE oauth2_flows (
  id                TEXT PRIMARY KEY,
  state             TEXT NOT NULL,
  client_id         TEXT NOT NULL,
  subject           TEXT,
  login_session_id  TEXT,
  login_challenge   TEXT NOT NULL UNIQUE,
  login_verifier    TEXT UNIQUE,
  consent_challenge TEXT UNIQUE,
  consent_verifier  TEXT UNIQUE,
  remember          BOOLEAN NOT NULL DEFAULT FALSE,
  remember_until    BIGINT,
  handled_at        BIGINT,
  requested_at      BIGINT NOT NULL,
  expires_at        BIGINT NOT NULL,
  revoked_at        BIGINT,
  data              {{json}} NOT NULL
);
CREATE INDEX oauth2_flows_client ON oauth2_flows (client_id);
CREATE INDEX oauth2_flows_consents ON oauth2_flows (subject, handled_at) WHERE state = 'consent_used';

CREATE TABLE oauth2_authentication_sessions (
  id         TEXT PRIMARY KEY,
  subject    TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  data       {{json}} NOT NULL
);
CREATE INDEX oauth2_authentication_sessions_subject ON oauth2_authentication_sessions (subject);

CREATE TABLE oauth2_authorization_codes (
  signature  TEXT PRIMARY KEY,
  grant_id   TEXT NOT NULL,
  flow_id    TEXT,
  client_id  TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT,
  data       {{json}} NOT NULL
);
CREATE INDEX oauth2_authorization_codes_grant ON oauth2_authorization_codes (grant_id);
CREATE INDEX oauth2_authorization_codes_flow ON oauth2_authorization_codes (flow_id) WHERE flow_id IS NOT NULL;
CREATE INDEX oauth2_authorization_codes_client ON oauth2_authorization_codes (client_id);

CREATE TABLE oauth2_access_tokens (
  signature  TEXT PRIMARY KEY,
  grant_id   TEXT NOT NULL,
  flow_id    TEXT,
  client_id  TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  data       {{json}} NOT NULL
);
CREATE INDEX oauth2_access_tokens_grant ON oauth2_access_tokens (grant_id);
CREATE INDEX oauth2_access_tokens_flow ON oauth2_access_tokens (flow_id) WHERE flow_id IS NOT NULL;
CREATE INDEX oauth2_access_tokens_client ON oauth2_access_tokens (client_id);

CREATE TABLE oauth2_refresh_tokens (
  signature              TEXT PRIMARY KEY,
  grant_id               TEXT NOT NULL,
  flow_id                TEXT,
  client_id              TEXT NOT NULL,
  access_token_signature TEXT NOT NULL,
  expires_at             BIGINT,
  used_at                BIGINT,
  revoked_at             BIGINT,
  data                   {{json}} NOT NULL
);
CREATE INDEX oauth2_refresh_tokens_grant ON oauth2_refresh_tokens (grant_id);
CREATE INDEX oauth2_refresh_tokens_flow ON oauth2_refresh_tokens (flow_id) WHERE flow_id IS NOT NULL;
CREATE INDEX oauth2_refresh_tokens_client ON oauth2_refresh_tokens (client_id);

-- Grants revoked as a whole (code replay, refresh reuse, consent revocation). Tokens inserted for a
-- grant listed here are born revoked, which closes the refresh-vs-revoke race.
CREATE TABLE oauth2_revoked_grants (
  grant_id   TEXT PRIMARY KEY,
  revoked_at BIGINT NOT NULL
);

CREATE TABLE oauth2_jtis (
  client_id  TEXT NOT NULL,
  jti        TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX oauth2_jtis_expiry ON oauth2_jtis (expires_at);

CREATE TABLE oauth2_json_web_keys (
  seq            {{serial_primary_key}},
  key_set        TEXT NOT NULL,
  kid            TEXT NOT NULL,
  alg            TEXT NOT NULL,
  key_use        TEXT NOT NULL,
  public_jwk     {{json}} NOT NULL,
  private_sealed TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  activates_at   BIGINT NOT NULL,
  UNIQUE (key_set, kid)
);
