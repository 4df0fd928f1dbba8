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
  remembered_consent: boolean;
  public_client_untrusted_redirect: boolean;
}

/**
 * Consent may be skipped for a first-party client (`skip_consent`) or when a remembered consent of
 * the same subject and client covers every requested scope and audience; `prompt=consent` forces
 * the screen (OIDC Core §3.1.2.1). The remembered consent is looked up only when it decides, or when
 * the flow tracer wants the fact (`ctx.trace`): a developer asking why consent was shown needs all
 * four facts, not only the first that settled it.
 */
export const decideConsentSkip = async (
  ctx: OAuth2Context, flow: Flow, client: OAuth2Client | undefined, subject: string, now: number,
): Promise<{ skip: boolean; reasons: ConsentSkipReasons }> => {
  const promptConsent = flow.request.prompt.includes('consent');
  const firstParty = client?.skip_consent === true;
  const untrusted = client !== undefined && !redirectIsTrustworthy(client, flow.request.redirectUri);
  const decides = client !== undefined && !promptConsent && !firstParty && !untrusted;
  const remembered = client !== undefined && (decides || ctx.trace !== undefined) && (await rememberedConsent(ctx, flow, subject, now)) !== undefined;
  return {
    skip: client !== undefined && !promptConsent && (firstParty || (!untrusted && remembered)),
    reasons: { prompt_consent: promptConsent, first_party: firstParty, remembered_consent: remembered, public_client_untrusted_redirect: untrusted },
  };
};

/** The remembered consent that covers this request, if any: its claims are replayed on skip. */
export const rememberedConsent = async (ctx: OAuth2Context, flow: Flow, subject: string, now: number): Promise<Flow | undefined> => {
  const previous = await ctx.storage.flows.findRememberedConsent(subject, flow.clientId, now);
  return previous.find((p) => p.consent && covers(p.consent.grantScope, flow.request.scope) && covers(p.consent.grantAudience, flow.request.audience));
};
