-- The flow tracer's other ways in (docs/operations/tracing.md): `olympus trace` and Athena find a
-- trace by the login, consent or logout challenge a user or a login UI saw, by the OAuth2 or identity
-- flow id, and by the error id an error page showed (set after the event is stored when the error
-- page is drawn later than the batch was written).

CREATE INDEX trace_events_challenge ON trace_events (challenge_id);
CREATE INDEX trace_events_flow ON trace_events (flow_id);
CREATE INDEX trace_events_error ON trace_events (error_id);
