/** How the trace lists name identities: the console's identityLabel (email, else identifier, else id), one query per page. */
import type { IdentityService } from '@olympus/identity';
import { identityLabel } from '../identities/label.ts';

export const identityLabels = async (people: IdentityService, ids: ReadonlyArray<string | undefined>): Promise<Map<string, string>> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  if (wanted.length === 0) return new Map();
  const { identities } = await people.list({ pageSize: wanted.length, ids: wanted });
  return new Map(identities.map((identity) => [identity.id, identityLabel(identity)]));
};
