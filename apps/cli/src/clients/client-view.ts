/** How clients are shown: hydra's columns, so scripts that read `hydra … --format table` keep working. */
import type { OAuth2Client } from '@olympus/oauth2';
import type { View } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

/** What the admin API returns: every field optional (other servers omit some), the secret only on create. */
export type ClientResponse = Partial<OAuth2Client> & { client_secret?: string };

const CLIENT_COLUMNS: readonly Column<ClientResponse>[] = [
  { header: 'CLIENT ID', value: (c) => c.client_id },
  { header: 'CLIENT SECRET', value: (c) => c.client_secret },
  { header: 'GRANT TYPES', value: (c) => c.grant_types },
  { header: 'RESPONSE TYPES', value: (c) => c.response_types },
  { header: 'SCOPE', value: (c) => c.scope },
  { header: 'AUDIENCE', value: (c) => c.audience },
  { header: 'REDIRECT URIS', value: (c) => c.redirect_uris },
];

/** `single`: one client was asked for, so JSON prints an object and the table is vertical. */
export const clientsView = (clients: readonly ClientResponse[], single: boolean): View => ({
  json: single && clients.length === 1 ? clients[0] : clients,
  ids: clients.map((client) => client.client_id ?? ''),
  table: tableOf(CLIENT_COLUMNS, clients, single),
});
