import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';

const covers = (granted: readonly string[], requested: readonly string[]) => requested.every((s) => granted.includes(s));

/** Hydra never skips remembered consent for a public client whose redirect could be claimed by any app (#2585). */
const redirectIsTrustworthy = (client: OAuth2Client, redirectUri: string): boolean => {
  if (client.token_endpoint_auth_method !== 'none') return true;
  try {
    const url = new URL(redirectUri);
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
};

/** Each fact the skip decision weighs, as it held: the evidence of stop 6 (docs/operations/tracing.md). */
export interface ConsentSkipReasons {
  prompt_consent: boolean;
  /** The client is registered with `skip_consent`. */
  first_party: boolean;
  /** Null when the lookup made only for the tracer failed. */
  remembered_consent: boolean | null;
  public_client_untrusted_redirect: boolean;
}

export interface ConsentSkipDecision {
  skip: boolean;
  /** Settles once every fact is known: at once, or after a lookup made only for the tracer. */
  reasons: Promise<ConsentSkipReasons>;
}

/**
 * Consent may be skipped for a first-party client (`skip_consent`) or when a remembered consent of
 * the same subject and client covers every requested scope and audience; `prompt=consent` forces
 * the screen (OIDC Core §3.1.2.1). The remembered consent is looked up on the request path only
 * when it decides. The flow tracer (`ctx.trace`) wants the fact in every case — a developer asking
 * why consent was shown needs all four facts, not only the first that settled it — so when the
 * decision is settled without it, the lookup runs for the tracer alone and the request does not wait.
 */
export const decideConsentSkip = async (
  ctx: OAuth2Context, flow: Flow, client: OAuth2Client | undefined, subject: string, now: number,
): Promise<ConsentSkipDecision> => {
  const promptConsent = flow.request.prompt.includes('consent');
  const firstParty = client?.skip_consent === true;
  const untrusted = client !== undefined && !redirectIsTrustworthy(client, flow.request.redirectUri);
  const facts = { prompt_consent: promptConsent, first_party: firstParty, public_client_untrusted_redirect: untrusted };
  const decides = client !== undefined && !promptConsent && !firstParty && !untrusted;
  if (decides) {
    const remembered = (await rememberedConsent(ctx, flow, subject, now)) !== undefined;
    return { skip: remembered, reasons: Promise.resolve({ ...facts, remembered_consent: remembered }) };
  }
  const traced = client !== undefined && ctx.trace !== undefined
    ? rememberedConsent(ctx, flow, subject, now).then((found) => found !== undefined, () => null)
    : Promise.resolve(false);
  return { skip: client !== undefined && !promptConsent && firstParty, reasons: traced.then((remembered) => ({ ...facts, remembered_consent: remembered })) };
};

/** The newest remembered consents are read first: the newest one nearly always covers the request. */
const FIRST_LOOK = 1;

/**
 * The remembered consent that covers this request, if any: its claims are replayed on skip. It is
 * the newest covering one; the newest consent is read alone first (one row to decode instead of the
 * store's whole bound, which a subject who signs in often fills), and the rest only when it does
 * not cover the request, so the answer is the same as reading them all.
 */
export const rememberedConsent = async (ctx: OAuth2Context, flow: Flow, subject: string, now: number): Promise<Flow | undefined> => {
  const covering = (p: Flow) => p.consent !== null && covers(p.consent.grantScope, flow.request.scope) && covers(p.consent.grantAudience, flow.request.audience);
  const newest = await ctx.storage.flows.findRememberedConsent(subject, flow.clientId, now, FIRST_LOOK);
  if (newest.length < FIRST_LOOK || newest.some(covering)) return newest.find(covering);
  return (await ctx.storage.flows.findRememberedConsent(subject, flow.clientId, now)).find(covering);
};
