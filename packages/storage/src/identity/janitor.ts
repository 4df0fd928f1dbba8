/**
 * The identity server's part of the janitor: deletes identity rows that can no longer change any
 * answer the server gives, in the same small batches as the OAuth2 part (oauth2/janitor.ts). Why
 * each sweep is safe is said next to it; docs/operations/janitor.md says the same for operators.
 * Protection counters are not here: protection/sweep.ts clears them while the server runs.
 */
import type { IdentityJanitorCounts, IdentityJanitorSelection, IdentityJanitorStore } from '@olympus/identity';
import type { Db } from '../db/types.ts';
import { deleteInBatches, type Sweep } from '../oauth2/batch-delete.ts';
import { checkJanitorOptions } from '../oauth2/janitor.ts';

interface Step {
  kind: keyof IdentityJanitorSelection;
  count: keyof IdentityJanitorCounts;
  sweep: (before: number) => Sweep;
}

/** Past its expiry a flow is refused whatever its row says (its successor gets a new id). */
const expiredFlows = (before: number): Sweep =>
  ({ table: 'selfservice_flows', key: ['id'], where: 'expires_at < ?', params: [before] });

/**
 * A session past expiry, or deactivated, is never current again: whoami and every lookup treat a
 * missing session like an ended one, and a deactivated session is never reactivated. The time of
 * deactivation is not stored, so an inactive session goes once it was issued before `before`.
 */
const endedSessions = (before: number): Sweep => ({
  table: 'identity_sessions',
  key: ['id'],
  where: 'expires_at < ? OR (active = ? AND issued_at < ?)',
  params: [before, false, before],
});

/**
 * A used (or revoked) or expired code is never offered to a submission again (liveCodesOfFlow), so
 * its row answers nothing: a code works once (docs/security.md ID-16) with or without it.
 */
const spentCodes = (before: number): Sweep => ({
  table: 'identity_codes',
  key: ['id'],
  where: 'expires_at < ? OR used_at < ?',
  params: [before, before],
});

/**
 * A submission counter caps the guesses at one flow's codes. Deleting it while its flow still takes
 * submissions would hand out fresh guesses, so it goes only once its flow is gone or expired
 * before `before` (flows are swept first) and it was last raised before `before`.
 */
const countersOfEndedFlows = (before: number): Sweep => ({
  table: 'identity_code_submissions',
  key: ['flow_id'],
  where: `updated_at < ? AND NOT EXISTS (SELECT 1 FROM selfservice_flows f
    WHERE f.id = identity_code_submissions.flow_id AND f.expires_at >= ?)`,
  params: [before, before],
});

/**
 * Messages that are done: sent, or abandoned after their last retry. Queued and processing ones
 * are the courier's work and never touched. Their dispatch history goes with them (ON DELETE CASCADE).
 */
const doneCourierMessages = (before: number): Sweep => ({
  table: 'courier_messages',
  key: ['id'],
  where: "status IN ('sent', 'abandoned') AND updated_at < ?",
  params: [before],
});

/** In this order: counters wait for their flows to be gone. */
const STEPS: readonly Step[] = [
  { kind: 'flows', count: 'selfServiceFlows', sweep: expiredFlows },
  { kind: 'codes', count: 'oneTimeCodes', sweep: spentCodes },
  { kind: 'codes', count: 'codeSubmissions', sweep: countersOfEndedFlows },
  { kind: 'sessions', count: 'sessions', sweep: endedSessions },
  { kind: 'courier', count: 'courierMessages', sweep: doneCourierMessages },
];

export const sqlIdentityJanitorStore = (db: Db): IdentityJanitorStore => ({
  /** Up to `limit` rows per count, at most `batchSize` per DELETE statement. */
  async deleteExpired(opts) {
    checkJanitorOptions(opts);
    const counts: IdentityJanitorCounts = { selfServiceFlows: 0, sessions: 0, oneTimeCodes: 0, codeSubmissions: 0, courierMessages: 0 };
    for (const step of STEPS) {
      const budget = opts.limit - counts[step.count];
      if (!opts.what[step.kind] || budget <= 0) continue;
      counts[step.count] += await deleteInBatches(db, step.sweep(opts.before), budget, opts.batchSize);
    }
    return counts;
  },
});
