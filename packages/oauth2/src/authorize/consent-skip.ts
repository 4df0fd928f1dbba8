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

/**
 * Consent may be skipped for a first-party client (`skip_consent`) or when a remembered consent of
 * the same subject and client covers every requested scope and audience; `prompt=consent` forces
 * the screen (OIDC Core §3.1.2.1).
 */
export const canSkipConsent = async (ctx: OAuth2Context, flow: Flow, client: OAuth2Client, subject: string, now: number): Promise<boolean> => {
  if (flow.request.prompt.includes('consent')) return false;
  if (client.skip_consent) return true;
  if (!redirectIsTrustworthy(client, flow.request.redirectUri)) return false;
  return (await rememberedConsent(ctx, flow, subject, now)) !== undefined;
};

/** The remembered consent that covers this request, if any: its claims are replayed on skip. */
export const rememberedConsent = async (ctx: OAuth2Context, flow: Flow, subject: string, now: number): Promise<Flow | undefined> => {
  const previous = await ctx.storage.flows.findRememberedConsent(subject, flow.clientId, now);
  return previous.find((p) => p.consent && covers(p.consent.grantScope, flow.request.scope) && covers(p.consent.grantAudience, flow.request.audience));
};
