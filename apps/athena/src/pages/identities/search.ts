/**
 * The identities a search names, through the same IdentityService.list as GET /admin/identities:
 * without a field, an identity ID or else a sign-in identifier, exactly (credentials_identifier);
 * with a field, a trait or metadata value, exact or as a prefix (readFieldFilter).
 */
import type { FastifyRequest } from 'fastify';
import { BadRequest, isUuid, readFieldFilter, type FieldMatch, type IdentityListPage, type IdentityService } from '@olympus/identity';
import { queryParam } from '../lists.ts';

export interface IdentitySearch {
  q: string;
  field: string;
  match: FieldMatch;
}

export const readSearch = (req: FastifyRequest): IdentitySearch => ({
  q: queryParam(req, 'q'),
  field: queryParam(req, 'field'),
  match: queryParam(req, 'match') === 'prefix' ? 'prefix' : 'exact',
});

/** The search as query parameters, only those set, for the next page's link. */
export const searchFilters = (s: IdentitySearch): Record<string, string> =>
  ({ q: s.q, field: s.field, match: s.field === '' ? '' : s.match });

export type SearchResult = IdentityListPage & { error?: string };

export const findIdentities = async (service: IdentityService, s: IdentitySearch, pageSize: number, after: string | undefined): Promise<SearchResult> => {
  if (s.field !== '') {
    try {
      return await service.list({ pageSize, after, field: readFieldFilter(s.field, s.q, s.match) });
    } catch (err) {
      if (err instanceof BadRequest) return { identities: [], error: err.reason };
      throw err;
    }
  }
  if (s.q === '') return service.list({ pageSize, after });
  if (isUuid(s.q) && after === undefined) {
    const byId = await service.list({ pageSize: 1, ids: [s.q] });
    if (byId.identities.length > 0) return { identities: byId.identities };
  }
  return service.list({ pageSize, after, credentialsIdentifier: s.q });
};
