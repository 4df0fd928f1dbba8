-- Login and consent requests still waiting for a UI, newest first, for the admin console's list
-- (FlowStore.listPendingFlows, packages/storage/src/oauth2/flows.ts). Partial: a flow leaves these
-- states within seconds unless abandoned, and the janitor deletes abandoned ones once expired
-- (docs/operations/janitor.md), so the index stays small however many finished flows are kept.
-- The query repeats the WHERE term word for word, which SQLite needs to use a partial index.

CREATE INDEX oauth2_flows_pending ON oauth2_flows (requested_at, id) WHERE state IN ('login_pending', 'consent_pending');
