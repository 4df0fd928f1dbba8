import { InvalidRequest, InvalidScope } from '../errors.ts';
import { scopesOf } from '../clients/client.ts';
import { fail } from './fail.ts';
import type { AuthorizeStep } from './request-state.ts';

const splitSpaces = (value: string | undefined): string[] => (value ?? '').split(' ').filter((s) => s.length > 0);

/** RFC 6749 §3.3: every requested scope must be allowed for the client (exact matching). */
export const checkScope: AuthorizeStep = (state) => {
  const client = state.client!;
  const requested = [...new Set(splitSpaces(state.params.scope))];
  const allowed = new Set(scopesOf(client));
  const refused = requested.filter((s) => !allowed.has(s));
  if (refused.length > 0) {
    fail(state, new InvalidScope(`The client is not allowed to request the scope${refused.length > 1 ? 's' : ''} ${refused.map((s) => `"${s}"`).join(', ')}.`, {
      hint: `Client "${client.client_id}" may request: ${[...allowed].join(' ') || '(no scopes)'}. Add the scope to the client or drop it from the request.`,
    }));
  }
  state.request.scope = requested;
};

/** Requested access token audiences must be registered for the client (Hydra's audience check). */
export const checkAudience: AuthorizeStep = (state) => {
  const client = state.client!;
  const requested = [...new Set(splitSpaces(state.params.audience))];
  const refused = requested.filter((a) => !client.audience.includes(a));
  if (refused.length > 0) {
    fail(state, new InvalidRequest(`The client is not allowed to request the audience ${refused.map((a) => `"${a}"`).join(', ')}.`, {
      hint: `Client "${client.client_id}" has audience [${client.audience.join(', ')}].`,
    }));
  }
  state.request.audience = requested;
};
