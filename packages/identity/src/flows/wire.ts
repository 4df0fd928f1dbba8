/**
 * Kratos' flow JSON (docs/compatibility.md §2.3) from a stored flow. `internal` never leaves the server: only
 * what a renderer needs is mapped, field by field.
 */
import type { SelfServiceFlow } from './flow.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export type WireFlow = Record<string, unknown> & { id: string; type: string; state: string; ui: SelfServiceFlow['ui'] };

export const toWire = (flow: SelfServiceFlow): WireFlow => {
  const updatedAt = typeof flow.internal.updatedAt === 'number' ? flow.internal.updatedAt : flow.issuedAt;
  const wire: WireFlow = {
    id: flow.id,
    type: flow.type,
    expires_at: iso(flow.expiresAt),
    issued_at: iso(flow.issuedAt),
    created_at: iso(flow.issuedAt),
    updated_at: iso(updatedAt),
    request_url: flow.requestUrl,
    state: flow.state,
    ui: flow.ui,
    organization_id: null,
    transient_payload: {},
  };
  if (flow.returnTo) wire.return_to = flow.returnTo;
  if (flow.active) wire.active = flow.active;
  if (flow.kind === 'login') {
    wire.refresh = flow.refresh;
    wire.requested_aal = flow.requestedAal;
  }
  if (flow.oauth2LoginChallenge) {
    wire.oauth2_login_challenge = flow.oauth2LoginChallenge;
    if (flow.internal.oauth2LoginRequest) wire.oauth2_login_request = flow.internal.oauth2LoginRequest;
  }
  return wire;
};
