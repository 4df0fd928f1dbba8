/**
 * Olympus' side of the SSO round trip: browsers signed in once as the bench identity, with the
 * login and the consent remembered (the admin API accepts them, as a login UI would after its
 * form). Afterwards every `/oauth2/auth` of such a browser passes Hera's /login and /consent
 * without a form: both see `skip` and accept at once (apps/hera/src/login.ts, consent.ts).
 */
import { Browser, queryOf } from '../../test/support/browser.ts';
import { authorizeUrl, pkcePair } from '../../test/support/flow.ts';
import { adminApi, authorizeThroughUi } from '../../test/support/oauth2.ts';
import { makeConcurrently } from './concurrently.ts';
import type { JarEntry, SsoFixtures } from './protocol.ts';

export const SSO_SCOPE = 'openid';
/** Browsers signed in side by side while minting (setup only, not measured). */
const CONCURRENCY = 8;

interface SsoSetup {
  urls: { publicUrl: string; adminUrl: string };
  clientId: string;
  clientAuth: string;
  redirectUri: string;
  /** The identity every browser signs in as (Hera's consent page reads its traits for the ID token). */
  subject: string;
}

const signInOne = async (setup: SsoSetup, authorize: string): Promise<JarEntry[]> => {
  const browser = new Browser();
  const { challenge } = pkcePair();
  const url = `${authorize}&state=sign-in&code_challenge=${challenge}&code_challenge_method=S256`;
  const done = await authorizeThroughUi(adminApi(setup.urls.adminUrl), browser, url, { subject: setup.subject, remember: true, rememberConsent: true });
  if (!queryOf(done.callback).get('code')) throw new Error(`signing a browser in ended at ${done.callback}`);
  return [...browser.jar.entries()];
};

export const ssoFixtures = async (setup: SsoSetup, browsers: number): Promise<SsoFixtures> => {
  const authorize = authorizeUrl(setup.urls.publicUrl, { client_id: setup.clientId, response_type: 'code', redirect_uri: setup.redirectUri, scope: SSO_SCOPE });
  return {
    authorizeUrl: authorize,
    redirectUri: setup.redirectUri,
    tokenUrl: `${setup.urls.publicUrl}/oauth2/token`,
    clientAuth: setup.clientAuth,
    sessions: await makeConcurrently(browsers, CONCURRENCY, () => signInOne(setup, authorize)),
  };
};
