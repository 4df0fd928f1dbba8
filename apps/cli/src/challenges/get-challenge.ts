/**
 * Shared by `get login-request` and `get consent-request`. A 200 means the request waits for the
 * login/consent UI. A 410 means it can no longer be handled; Olympus says why (`status`: accepted,
 * rejected, used, expired) next to the original `request`, the `redirect_to` the UI should follow
 * and an error envelope (`request_handled` / `request_expired` with a description).
 */
import { CommandFailed } from '../errors.ts';
import type { ApiClient } from '../http/api-client.ts';
import type { View } from '../output/print.ts';
import { cellText, tableOf, type Cell, type Column } from '../output/table.ts';
import { isJsonObject } from '../read-json.ts';

export type ChallengeKind = 'login' | 'consent';

export interface ChallengeState {
  status: string;
  request: Record<string, unknown>;
  redirect_to?: string;
  /** The rest of a 410 body: error, error_description, error_hint. */
  [field: string]: unknown;
}

export const fetchChallenge = async (
  api: ApiClient,
  kind: ChallengeKind,
  challenge: string,
): Promise<ChallengeState> => {
  const response = await api.request('GET', `/admin/oauth2/auth/requests/${kind}`, {
    query: { [`${kind}_challenge`]: challenge },
    accept: [404, 410],
  });
  if (response.status === 404) {
    throw new CommandFailed(
      `unknown challenge: no ${kind} request "${challenge}" (mistyped, or issued by another Olympus)`,
    );
  }
  const body = isJsonObject(response.body) ? response.body : {};
  if (response.status !== 410) return { status: 'pending', request: body };
  // Hydra itself answers a bare {redirect_to}; Olympus adds status and request.
  return {
    ...body,
    status: typeof body.status === 'string' ? body.status : 'handled',
    request: isJsonObject(body.request) ? body.request : {},
  };
};

/** The 410 envelope's description, or a nested rejection error `{error, error_description}`. */
const noteOf = (state: ChallengeState): string => {
  const error = isJsonObject(state.error) ? state.error : state;
  const code = typeof error.error === 'string' ? error.error : '';
  const description = typeof error.error_description === 'string' ? error.error_description : '';
  return [code, description].filter(Boolean).join(' — ');
};

const clientField = (key: string) => (state: ChallengeState) =>
  (isJsonObject(state.request.client) ? state.request.client[key] : undefined) as Cell;

const requestField = (key: string) => (state: ChallengeState) => state.request[key] as Cell;

export const challengeView = (state: ChallengeState, challenge: string): View => {
  const columns: Column<ChallengeState>[] = [
    { header: 'STATUS', value: (s) => s.status },
    { header: 'CHALLENGE', value: () => challenge },
    { header: 'CLIENT ID', value: clientField('client_id') },
    { header: 'CLIENT NAME', value: clientField('client_name') },
    { header: 'SUBJECT', value: requestField('subject') },
    { header: 'SKIP', value: requestField('skip') },
    { header: 'REQUESTED SCOPE', value: requestField('requested_scope') },
    { header: 'REQUESTED AUDIENCE', value: requestField('requested_access_token_audience') },
    { header: 'REQUEST URL', value: requestField('request_url') },
  ];
  if (state.redirect_to !== undefined) columns.push({ header: 'REDIRECT TO', value: (s) => s.redirect_to });
  const note = noteOf(state);
  if (note) columns.push({ header: 'NOTE', value: () => cellText(note) });
  return { json: state, ids: [challenge], table: tableOf(columns, [state], true) };
};
