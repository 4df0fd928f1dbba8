/**
 * oidc-provider's side of the SSO round trip. Its login and consent are interactions of its own
 * (`interactions.url`); this minimal interaction app signs the bench account in and grants the
 * requested scopes at once, the way a login app would after a form. It only runs while the
 * browsers are signed in (fixtures): once a browser has a session and a grant that covers the
 * scopes, oidc-provider's default policy asks for no interaction and `/auth` answers with the code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { Browser } from '../../test/support/browser.ts';
import { makeConcurrently } from './concurrently.ts';
import type { JarEntry } from './protocol.ts';

export const INTERACTION_PATH = '/interaction/';
/**
 * Only the sign-in sends it: an interaction during a measured round trip (a session or grant not
 * remembered) is then refused with a 403 and counted as a failure instead of passing unnoticed.
 */
export const SIGN_IN_HEADER = 'x-bench-sign-in';
/** A browser's sign-in follows at most this many redirects before reaching the callback. */
const MAX_HOPS = 10;
/** Browsers signed in side by side while minting (setup only, not measured). */
const CONCURRENCY = 8;

/** Settles whichever prompt the interaction stands at: login as `accountId`, or consent to every requested scope. */
export const finishInteraction = async (provider: Provider, accountId: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    return;
  }
  const clientId = String(details.params.client_id);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
};

/** One browser through the first, interactive authorization; its jar then holds the session. */
const signInOne = async (authorizeUrl: string, redirectUri: string): Promise<JarEntry[]> => {
  const browser = new Browser();
  let url = `${authorizeUrl}&state=sign-in`;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const answer = await browser.request(url, { headers: { [SIGN_IN_HEADER]: '1' } });
    if (!answer.location) throw new Error(`signing a browser in: ${url} answered ${answer.status} ${answer.body.slice(0, 300)}`);
    url = new URL(answer.location, url).toString();
    if (!url.startsWith(`${redirectUri}?`)) continue;
    if (!new URL(url).searchParams.has('code')) throw new Error(`signing a browser in ended at ${url}`);
    return [...browser.jar.entries()];
  }
  throw new Error(`signing a browser in took more than ${MAX_HOPS} redirects`);
};

export const signInBrowsers = (count: number, authorizeUrl: string, redirectUri: string): Promise<JarEntry[][]> =>
  makeConcurrently(count, CONCURRENCY, () => signInOne(authorizeUrl, redirectUri));
