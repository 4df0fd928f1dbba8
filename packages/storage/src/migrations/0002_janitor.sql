-- Expiry indexes for the janitor (packages/storage/src/oauth2/janitor.ts): each batch picks its rows
-- by expires_at, so a run costs what it deletes instead of a scan of the table per batch.
-- Refresh tokens of revoked grants are found through oauth2_refresh_tokens_grant.

CREATE INDEX oauth2_authorization_codes_expiry ON oauth2_authorization_codes (expires_at);
CREATE INDEX oauth2_access_tokens_expiry ON oauth2_access_tokens (expires_at);
CREATE INDEX oauth2_refresh_tokens_expiry ON oauth2_refresh_tokens (expires_at);
CREATE INDEX oauth2_flows_expiry ON oauth2_flows (expires_at);
CREATE INDEX oauth2_authentication_sessions_expiry ON oauth2_authentication_sessions (expires_at);
