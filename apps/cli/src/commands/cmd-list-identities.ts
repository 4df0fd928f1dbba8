/**
 * `olympus list identities` (also `identities list`): GET /admin/identities, one keyset page; the
 * next page token comes from the `Link: <…?page_token=…>; rel="next"` header (RFC 8288).
 */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { nextPageToken } from '../http/link-header.ts';
import { adminOptions } from '../http/remote-options.ts';
import { identitiesView, type IdentityResponse } from '../identities/identity-view.ts';
import { printView } from '../output/print.ts';

export const listIdentities: Command = {
  verb: 'list',
  nouns: ['identities', 'identity'],
  summary: 'List identities, one page at a time',
  args: noArgs,
  options: {
    identifier: { type: 'string', value: 'identifier', description: 'only the identity with this credential identifier (e.g. an email)' },
    'page-size': { type: 'string', value: 'n', description: 'identities per page (server default: 250)' },
    'page-token': { type: 'string', value: 'token', description: 'page token printed by the previous call' },
    ...adminOptions,
  },
  async run({ flags, io }) {
    const pageSize = flags.integer('page-size', { min: 1 });
    const response = await adminApi(flags, io).request('GET', '/admin/identities', {
      query: { credentials_identifier: flags.string('identifier'), page_size: pageSize?.toString(), page_token: flags.string('page-token') },
    });
    const identities = Array.isArray(response.body) ? (response.body as IdentityResponse[]) : [];
    const next = nextPageToken(response.headers.get('link'));
    printView(io, flags, {
      ...identitiesView(identities, false),
      json: { items: identities, next_page_token: next ?? '' },
      footer: next ? ['', `NEXT PAGE TOKEN  ${next}`] : [],
    });
    return 0;
  },
};

export const identitiesList: Command = { ...listIdentities, verb: 'identities', nouns: ['list'] };
