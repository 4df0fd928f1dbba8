/**
 * The flow tracer's diagnosis (finding.ts has the types): the first failing stop of a chain is
 * explained by the first cause rule that recognises it (rules/index.ts), else by its error code; a
 * skip-login loop is a failure read from the chain even though every stop said ok; the stops that
 * went on may carry notices (consent shown, a claim left out). A rule that meets evidence it cannot
 * read is skipped rather than failing the whole diagnosis: a reader must always get an answer.
 */
import type { TraceEvent } from '../event.ts';
import type { TraceStop } from '../stops.ts';
import type { DiagnoseTrace, TraceDiagnosis, TraceFinding } from './finding.ts';
import { explainByErrorCode, FAILURE_RULES, NOTICE_RULES, skipNotAccepted } from './rules/index.ts';

const attempt = <T>(run: () => T, otherwise: T): T => {
  try {
    return run();
  } catch {
    return otherwise;
  }
};

const explainFailure = (event: TraceEvent, chain: readonly TraceEvent[], now: number): TraceFinding => {
  for (const rule of FAILURE_RULES) {
    const finding = attempt<TraceFinding | undefined>(() => rule(event, chain, now), undefined);
    if (finding !== undefined) return finding;
  }
  return attempt(() => explainByErrorCode(event), {
    level: 'failure', stop: event.stop, eventId: event.id, cause: `error:${String(event.errorCode ?? event.outcome)}`,
    summary: `Stop ${String(event.stop)} did not go on.`, evidence: [], fix: 'Read the server log line of this request.', docPage: '',
  });
};

/** The first failure of a chain: a skip-login loop before the first refused stop, else that stop's cause. */
const firstFailure = (chain: readonly TraceEvent[], now: number): TraceFinding | undefined => {
  const failingIndex = chain.findIndex((e) => e.outcome !== 'ok');
  const before = failingIndex === -1 ? chain : chain.slice(0, failingIndex);
  for (const event of before) {
    const loop = attempt<TraceFinding | undefined>(() => skipNotAccepted(event, chain, now), undefined);
    if (loop !== undefined) return loop;
  }
  return failingIndex === -1 ? undefined : explainFailure(chain[failingIndex]!, chain, now);
};

/** Stops after which a chain has done what it came for. */
const FINAL_STOPS = new Set<TraceStop>(['code_issued', 'token_exchange', 'refresh', 'userinfo', 'logout', 'whoami']);

/** A chain reached its end: a code or token was issued, or a login without OAuth2 signed in. */
const isComplete = (chain: readonly TraceEvent[]): boolean =>
  chain.some((e) => e.outcome === 'ok' && FINAL_STOPS.has(e.stop)) ||
  (!chain.some((e) => e.stop === 'authorize') && chain.some((e) => e.outcome === 'ok' && e.stop === 'login_submitted'));

export const diagnoseTrace: DiagnoseTrace = (events, now): TraceDiagnosis => {
  const chain = [...events];
  const failure = firstFailure(chain, now);
  const notices = chain
    .filter((e) => e.outcome === 'ok')
    .flatMap((event) => NOTICE_RULES.flatMap((rule) => attempt(() => rule(event, chain, now), [])));
  return {
    traceId: chain[0]?.traceId ?? '',
    outcome: failure !== undefined ? 'failed' : isComplete(chain) ? 'ok' : 'incomplete',
    ...(failure === undefined ? {} : { failingEventId: failure.eventId }),
    findings: failure === undefined ? notices : [failure, ...notices],
  };
};
