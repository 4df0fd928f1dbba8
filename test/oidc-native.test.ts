/**
 * Native apps' social sign-in with Kratos' session-token exchange (docs/operations/social-sign-in.md,
 * "Native apps"): a native flow created with return_session_token_exchange_code=true carries the init
 * code; `method=oidc` answers 422 browser_location_change_required; the system browser, which has no
 * cookie of the app's, comes back from the provider and is sent to return_to with `?code=`; the app
 * exchanges the pair at /sessions/token-exchange for its session token, once. Through @ory/client-fetch,
 * on both databases, against the loopback provider of support/fake-oidc-provider.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { genericFake, withOidcProviders } from './support/oidc-config.ts';
import { freshEmail } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;
const APP = 'https://app.example/native/callback';

for (const kind of ['sqlite', 'postgres'] as const) describe(`native social sign-in with the session-token exchange (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  let api: FrontendApi;

  before(async () => {
    provider = await startFakeProvider();
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...genericFake(provider) }], { allowedReturnUrls: ['https://app.example/native'] }));
    api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  /** The app's side up to the 422: a native flow with the exchange, and the provider button pressed. */
  const startNative = async (flowKind: 'login' | 'registration' = 'login') => {
    const flow = (flowKind === 'login'
      ? await api.createNativeLoginFlow({ returnSessionTokenExchangeCode: true, returnTo: APP })
      : await api.createNativeRegistrationFlow({ returnSessionTokenExchangeCode: true, returnTo: APP })) as Json;
    const initCode = flow.session_token_exchange_code as string;
    assert.match(initCode, /^[A-Za-z0-9_-]{43}$/, 'the init code, shown at creation');
    const pressed = await fetch(`${olympus.publicUrl}/self-service/${flowKind}?flow=${flow.id}`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ method: 'oidc', provider: 'fake' }),
    });
    assert.equal(pressed.status, 422);
    assert.equal(pressed.headers.getSetCookie().length, 0, 'no continuity cookie: the system browser would not have it');
    const body = await pressed.json() as Json;
    assert.equal(body.error.id, 'browser_location_change_required');
    return { flowId: flow.id as string, initCode, providerUrl: new URL(body.redirect_browser_to as string) };
  };

  /** The system browser: to the provider and back to the callback, without any cookie of the app's. */
  const comeBack = async (providerUrl: URL, browser = new Browser()) => {
    provider.rememberNonce(providerUrl.searchParams.get('nonce')!);
    const back = await browser.request(`${olympus.publicUrl}/self-service/methods/oidc/callback/fake?${new URLSearchParams({ code: 'c', state: providerUrl.searchParams.get('state')! })}`);
    assert.equal(back.status, 303, back.body);
    return { location: new URL(back.location!), browser };
  };

  const exchangeStatus = async (initCode: string, returnToCode: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${olympus.publicUrl}/sessions/token-exchange?${new URLSearchParams({ init_code: initCode, return_to_code: returnToCode })}`);
    return { status: res.status, body: await res.json() as Json };
  };

  test('login: 422, the provider, return_to with the code, then one exchange for the session token; a second is refused', async () => {
    const email = freshEmail();
    provider.nextClaims = { sub: `native-${kind}`, email, email_verified: true };
    const { initCode, providerUrl } = await startNative();
    const { location, browser } = await comeBack(providerUrl);
    assert.equal(`${location.origin}${location.pathname}`, APP);
    const returnToCode = location.searchParams.get('code')!;
    assert.ok(returnToCode);
    assert.ok(!browser.jar.has('olympus_session'), 'the system browser gets no session of its own');

    const exchanged = await api.exchangeSessionToken({ initCode, returnToCode });
    assert.ok(exchanged.session_token);
    assert.equal(exchanged.session.identity?.traits.email, email);
    assert.equal(exchanged.session.authentication_methods?.[0]?.method, 'oidc');
    const whoami = await api.toSession({ xSessionToken: exchanged.session_token });
    assert.equal(whoami.id, exchanged.session.id, 'the token is the session\'s');

    const again = await exchangeStatus(initCode, returnToCode);
    assert.equal(again.status, 404, 'single use');
    assert.equal(again.body.error.id, 'not_found');
    assert.equal(again.body.error.reason, 'no session yet for this "code"');
  });

  test('registration: the same contract registers the identity; the codes of two flows do not pair, and nothing is given before the callback', async () => {
    provider.nextClaims = { sub: `native-reg-${kind}`, email: freshEmail(), email_verified: true };
    const first = await startNative('registration');
    const second = await startNative('registration');
    assert.equal((await exchangeStatus(first.initCode, 'not-yet')).status, 404, 'no session before the callback');
    const { location } = await comeBack(first.providerUrl);
    const firstCode = location.searchParams.get('code')!;
    provider.nextClaims = { sub: `native-reg2-${kind}`, email: freshEmail(), email_verified: true };
    const secondCode = (await comeBack(second.providerUrl)).location.searchParams.get('code')!;

    const crossed = await exchangeStatus(second.initCode, firstCode);
    assert.equal(crossed.status, 404, 'a pair is bound together');
    assert.equal(crossed.body.error.id, 'not_found');
    assert.equal((await exchangeStatus(first.initCode, secondCode)).status, 404);

    const exchanged = await api.exchangeSessionToken({ initCode: first.initCode, returnToCode: firstCode });
    assert.deepEqual((await olympus.server.identity.storage.identities.getIdentity(exchanged.session.identity!.id))?.credentials.oidc?.identifiers, [`fake:native-reg-${kind}`]);
    assert.ok((await api.exchangeSessionToken({ initCode: second.initCode, returnToCode: secondCode })).session_token, 'the crossed attempts did not use up the right pairs');
  });

  test('a replayed callback, a missing parameter and a return_to off the allow-list are refused', async () => {
    provider.nextClaims = { sub: `native-replay-${kind}`, email: freshEmail(), email_verified: true };
    const { providerUrl } = await startNative();
    await comeBack(providerUrl);
    const replay = await new Browser().request(`${olympus.publicUrl}/self-service/methods/oidc/callback/fake?${new URLSearchParams({ code: 'c', state: providerUrl.searchParams.get('state')! })}`);
    assert.equal(replay.status, 303);
    assert.equal(new URL(replay.location!).pathname, '/error', 'the continuity was taken by the first callback');

    const missing = await fetch(`${olympus.publicUrl}/sessions/token-exchange?init_code=x`);
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as Json).error.reason, '"init_code" and "return_to_code" query params must be set');

    const refused = await api.createNativeLoginFlow({ returnSessionTokenExchangeCode: true, returnTo: 'https://evil.example/native' }).catch((err: ResponseError) => err.response);
    assert.ok(refused instanceof Response);
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as Json).error.id, 'self_service_flow_return_to_forbidden');
  });

  test('a refusal at the provider sends the system browser to return_to without a code; the flow tells the app why', async () => {
    const { flowId, providerUrl } = await startNative();
    const back = await new Browser().request(`${olympus.publicUrl}/self-service/methods/oidc/callback/fake?${new URLSearchParams({ error: 'access_denied', state: providerUrl.searchParams.get('state')! })}`);
    assert.equal(back.status, 303);
    const location = new URL(back.location!);
    assert.equal(`${location.origin}${location.pathname}`, APP);
    assert.equal(location.searchParams.get('code'), null);
    const flow = await api.getLoginFlow({ id: flowId });
    assert.match(flow.ui.messages?.[0]?.text ?? '', /access_denied/);
  });
});
