/** `olympus get consent-request <challenge>`: GET /admin/oauth2/auth/requests/consent (reference/ory-api.md §1.2). */
import type { Command } from '../command.ts';
import { challengeView, fetchChallenge } from '../challenges/get-challenge.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

export const getConsentRequest: Command = {
  verb: 'get',
  nouns: ['consent-request'],
  summary: 'Show a consent challenge: pending, or how it ended',
  args: { usage: '<consent-challenge>', min: 1, max: 1 },
  options: adminOptions,
  details: 'Status is pending (waiting for the consent UI), or accepted, rejected, used or expired.',
  async run({ flags, args, io }) {
    const [challenge] = args;
    const state = await fetchChallenge(adminApi(flags, io), 'consent', challenge);
    printView(io, flags, challengeView(state, challenge));
    return 0;
  },
};
