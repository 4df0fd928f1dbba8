import type { Identity } from '../../identities/identity.ts';
import type { IssuedSession } from '../../sessions/issue.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import type { SelfServiceFlow } from '../flow.ts';
import type { SubmitRequest } from '../outcome.ts';

export interface RecoverySubmitRequest extends SubmitRequest {
  /** The session the request came with; it ends when recovery issues the new one. */
  current?: CurrentSession;
}

/**
 * How a recovery submission ends: the flow to show (200 once a code was sent, 400 with messages),
 * or the account recovered — a new aal1 session and the settings UI to continue in.
 */
export type RecoveryOutcome =
  | { kind: 'flow'; flow: SelfServiceFlow; status: 200 | 400 }
  | { kind: 'recovered'; flow: SelfServiceFlow; identity: Identity; issued: IssuedSession; redirectTo: string };
