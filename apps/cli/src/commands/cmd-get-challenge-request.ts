/**
 * `olympus get login-request|consent-request <challenge>`: GET /admin/oauth2/auth/requests/{login,consent}
 * (docs/compatibility.md §1.2) — where a challenge stands: pending, or how it ended.
 */
import type { Command } from '../command.ts';
import { challengeView, fetchChallenge } from '../challenges/get-challenge.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { printView } from '../output/print.ts';

const challengeCommand = (kind: 'login' | 'consent'): Command => ({
  verb: 'get',
  nouns: [`${kind}-request`],
  summary: `Show a ${kind} challenge: pending, or how it ended`,
  args: { usage: `<${kind}-challenge>`, min: 1, max: 1 },
  options: adminOptions,
  details: `Status is pending (waiting for the ${kind} UI), or accepted, rejected, used or expired.`,
  async run({ flags, args, io }) {
    const [challenge] = args;
    const state = await fetchChallenge(adminApi(flags, io), kind, challenge);
    printView(io, flags, challengeView(state, challenge));
    return 0;
  },
});

export const getLoginRequest = challengeCommand('login');
export const getConsentRequest = challengeCommand('consent');
