/**
 * Shared by `get login-request` and `get consent-request`. A 200 means the request waits for the
 * login/consent UI; a 410 means it was handled and Olympus says how (`status`: accepted, rejected,
 * used, expired) next to the original request and the `redirect_to` or `error` it ended with.
 */
import { CommandFailed } from '../errors.ts';
import type { ApiClient } from '../http/api-client.ts';
import type { View } from '../output/print.ts';
import { cellText, tableOf, type Column } from '../output/table.ts';
import { isJsonObject } from '../read-json.ts';

export type ChallengeKind = 'login' | 'consent';

export interface ChallengeState {
  status: string;
  request: Record<string, unknown>;
  redirect_to?: string;
  error?: unknown;
}

export const fetchChallenge = async (api: ApiClient, kind: ChallengeKind, challenge: string): Promise<ChallengeState> => {
  const response = await api.request('GET', `/admin/oauth2/auth/requests/${kind}`, {
    query: { [`${kind}_challenge`]: challenge },
    accept: [404, 410],
  });
  if (response.status === 404) {
    throw new CommandFailed(`unknown challenge: no ${kind} request "${challenge}" (mistyped, or issued by another Olympus)`);
  }
  const body = isJsonObject(response.body) ? response.body : {};
  if (response.status !== 410) return { status: 'pending', request: body };
  // Hydra itself answers a bare {redirect_to}; Olympus adds status, request and error.
  const state: ChallengeState = {
    status: typeof body.status === 'string' ? body.status : 'handled',
    request: isJsonObject(body.request) ? body.request : {},
  };
  if (typeof body.redirect_to === 'string') state.redirect_to = body.redirect_to;
  if (body.error !== undefined) state.error = body.error;
  return state;
};

const errorText = (error: unknown): string => {
  if (!isJsonObject(error)) return cellText(error as string);
  const description = typeof error.error_description === 'string' && error.error_description ? ` — ${error.error_description}` : '';
  return `${cellText(error.error as string)}${description}`;
};

const clientOf = (request: Record<string, unknown>): Record<string, unknown> =>
  isJsonObject(request.client) ? request.client : {};

const field = (key: string) => (state: ChallengeState) => state.request[key] as string | string[] | undefined;

export const challengeView = (state: ChallengeState, challenge: string): View => {
  const columns: Column<ChallengeState>[] = [
    { header: 'STATUS', value: (s) => s.status },
    { header: 'CHALLENGE', value: () => challenge },
    { header: 'CLIENT ID', value: (s) => clientOf(s.request).client_id as string },
    { header: 'CLIENT NAME', value: (s) => clientOf(s.request).client_name as string },
    { header: 'SUBJECT', value: field('subject') },
    { header: 'SKIP', value: (s) => s.request.skip as boolean | undefined },
    { header: 'REQUESTED SCOPE', value: field('requested_scope') },
    { header: 'REQUESTED AUDIENCE', value: field('requested_access_token_audience') },
    { header: 'REQUEST URL', value: field('request_url') },
  ];
  if (state.redirect_to !== undefined) columns.push({ header: 'REDIRECT TO', value: (s) => s.redirect_to });
  if (state.error !== undefined) columns.push({ header: 'ERROR', value: (s) => errorText(s.error) });
  return { json: state, ids: [challenge], table: tableOf(columns, [state], true) };
};
