/** How identities are shown: id, schema, state, the identifier people recognise, and when it was made. */
import type { View } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

/** What the admin API returns (Kratos' Identity), every field optional. */
export interface IdentityResponse {
  id?: string;
  schema_id?: string;
  state?: string;
  traits?: Record<string, unknown>;
  credentials?: Record<string, { identifiers?: string[] } | undefined>;
  verifiable_addresses?: Array<{ value?: string; verified?: boolean }>;
  created_at?: string;
}

/** The first password (or code) identifier: usually the email address. */
export const identifierOf = (identity: IdentityResponse): string =>
  identity.credentials?.password?.identifiers?.[0] ?? identity.credentials?.code?.identifiers?.[0] ?? '';

const COLUMNS: readonly Column<IdentityResponse>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'IDENTIFIER', value: identifierOf },
  { header: 'SCHEMA', value: (i) => i.schema_id },
  { header: 'STATE', value: (i) => i.state },
  { header: 'VERIFIED', value: (i) => (i.verifiable_addresses ?? []).filter((a) => a.verified).map((a) => a.value ?? '') },
  { header: 'CREATED', value: (i) => i.created_at },
];

/** `single`: one identity was asked for, so JSON prints an object and the table is vertical. */
export const identitiesView = (identities: readonly IdentityResponse[], single: boolean): View => ({
  json: single && identities.length === 1 ? identities[0] : identities,
  ids: identities.map((i) => i.id ?? ''),
  table: tableOf(COLUMNS, identities, single),
});
