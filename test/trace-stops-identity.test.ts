/**
 * The identity server's stops of the flow tracer against a real server on both databases
 * (docs/operations/tracing.md): stop 3 (a login flow created, browser and api, or refused at creation),
 * stop 4's request facts (request id, Origin, cookie names), stop 13 (a whoami refused for its AAL),
 * and the error ids users see — on the error UI after a CSRF violation, in the log of a JSON error —
 * finding the failed request's events.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { createTraceStore } from '@olympus/storage';
import type { TraceEvent, TraceRecentQuery } from '@olympus/trace';
import { Browser, type Hop } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const CLIENT = 'trace-identity-web';
const PASSWORD = 'a perfectly long passphrase 7';

const requestIdOf = (hop: Hop | Response): string => {
  const id = hop.headers.get('x-request-id');
  assert.ok(id, 'every answer names its request');
  return id;
};

const codeAt = (body: string, id: string): string | undefined => new RegExp(`id="${id}">([^<]+)<`).exec(body)?.[1];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`identity trace stops (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      // highest_available: an aal1 session of an identity with a second factor is refused by whoami.
      olympus = await startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } }));
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: CLIENT, token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        scope: 'openid email', grant_types: ['authorization_code'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: CLIENT, redirectUri: REDIRECT, scope: 'openid email' };
    });
    after(async () => olympus?.close());

    type Selector = Omit<TraceRecentQuery, 'limit'>;
    const find = async (query: Selector): Promise<TraceEvent[]> => {
      await olympus.server.traces!.flush();
      return createTraceStore(olympus.server.db).listRecent({ ...query, limit: 100 });
    };
    const one = async (query: Selector, stop: TraceEvent['stop']): Promise<TraceEvent> => {
      const events = (await find(query)).filter((e) => e.stop === stop);
      assert.equal(events.length, 1, `one ${stop} event for ${JSON.stringify(query)}: ${JSON.stringify(events)}`);
      return events[0]!;
    };

    /** Hera's hand-over followed to the identity login flow: the flow id and the creating request's id. */
    const browserFlow = async (browser: Browser) => {
      const { hera } = await startAtHera(browser, target);
      assert.equal(hera.status, 303, hera.body);
      const created = await browser.get(new URL(hera.location!, olympus.publicUrl).toString());
      const flowId = new URL(created.location!, olympus.publicUrl).searchParams.get('flow')!;
      assert.ok(flowId, created.location ?? created.body);
      const challenge = new URL(hera.location!, olympus.publicUrl).searchParams.get('login_challenge')!;
      return { flowId, challenge, createdBy: requestIdOf(created) };
    };

    const csrfTokenOf = async (browser: Browser, flowId: string): Promise<string> => {
      const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`, { headers: { accept: 'application/json' } })).body);
      return flow.ui.nodes.find((n: { attributes: { name?: string } }) => n.attributes.name === 'csrf_token').attributes.value as string;
    };

    const nativeSession = async (email: string): Promise<string> => {
      const flow = await (await fetch(`${olympus.publicUrl}/self-service/registration/api`)).json() as { id: string };
      const res = await fetch(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ method: 'password', traits: { email }, password: PASSWORD }),
      });
      const body = await res.json() as { session_token?: string };
      assert.ok(body.session_token, JSON.stringify(body));
      return body.session_token;
    };

    test('stop 3 and 4: a browser login flow for a login challenge is created and submitted under the authorization\'s trace, with the request ids, the Origin and the cookie names', async () => {
      const browser = new Browser();
      const { flowId, challenge, createdBy } = await browserFlow(browser);
      const submitUrl = `${olympus.publicUrl}/self-service/login?flow=${flowId}`;
      const sentNames = browser.cookieHeader(new URL(submitUrl)).split('; ').map((pair) => pair.split('=')[0]!);
      const submitted = await browser.request(submitUrl, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: olympus.publicUrl },
        body: new URLSearchParams({ method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD, csrf_token: await csrfTokenOf(browser, flowId) }),
      });
      assert.equal(submitted.status, 303, submitted.body);

      const created = await one({ flowId }, 'login_flow_created');
      assert.equal(created.outcome, 'ok');
      assert.equal(created.requestId, createdBy, 'found by the X-Request-Id of the request that created it');
      assert.equal(created.challengeId, challenge);
      assert.equal(created.clientId, CLIENT);
      assert.deepEqual(created.evidence, {
        flow_type: 'browser', requested_aal: 'aal1', refresh: false, session_present: false, session_aal: null, login_challenge_present: true,
      });
      const authorize = (await find({ clientId: CLIENT })).find((e) => e.stop === 'authorize' && e.traceId === created.traceId);
      assert.ok(authorize, 'the flow joins the trace that /oauth2/auth started');

      const login = await one({ requestId: requestIdOf(submitted) }, 'login_submitted');
      assert.equal(login.outcome, 'ok');
      assert.equal(login.traceId, created.traceId);
      assert.equal(login.evidence.csrf_origin_sent, olympus.publicUrl);
      assert.equal(login.evidence.csrf_origin_expected, olympus.publicUrl);
      assert.deepEqual(login.evidence.cookies_received, sentNames, 'the names of the cookies the browser sent, in its order');
      assert.ok(sentNames.includes('olympus_csrf'));
      const values = [...browser.jar.values()].map((c) => c.value).filter((v) => v.length >= 8);
      for (const value of values) assert.ok(!JSON.stringify([created, login]).includes(value), 'no cookie value is stored');
    });

    test('stop 3: an api login flow is a trace of its own; one refused at creation (a session is already there) carries the error id of its JSON error', async () => {
      const res = await fetch(`${olympus.publicUrl}/self-service/login/api`);
      assert.equal(res.status, 200);
      const flow = await res.json() as { id: string };
      const created = await one({ requestId: requestIdOf(res) }, 'login_flow_created');
      assert.equal(created.outcome, 'ok');
      assert.equal(created.traceId, flow.id, 'no login challenge: the flow names the trace');
      assert.equal(created.evidence.flow_type, 'api');
      assert.equal(created.evidence.login_challenge_present, false);

      const token = await nativeSession(`trace-${randomUUID().slice(0, 8)}@example.com`);
      const again = await fetch(`${olympus.publicUrl}/self-service/login/api`, { headers: { 'x-session-token': token } });
      assert.equal(again.status, 400);
      const requestId = requestIdOf(again);
      assert.equal(((await again.json()) as { error: { id: string; request: string } }).error.request, requestId);
      const refused = await one({ requestId }, 'login_flow_created');
      assert.equal(refused.outcome, 'refused');
      assert.equal(refused.errorCode, 'session_already_available');
      assert.equal(refused.traceId, requestId, 'no flow was made: the request names the trace');
      assert.equal(refused.evidence.session_present, true);
      assert.equal(refused.evidence.session_aal, 'aal1');
      assert.ok(refused.identityId);
      const logged = olympus.logs.find((l) => l.error === 'session_already_available' && l.reqId === requestId && typeof l.error_id === 'string');
      assert.ok(logged, 'the JSON error was logged with an error id');
      assert.equal((await one({ errorId: logged.error_id as string }, 'login_flow_created')).id, refused.id, 'its error id finds the event');
    });

    test('a CSRF violation sent to the error UI: the error id and the failed request id on the page both find the refused submission', async () => {
      const browser = new Browser();
      const { flowId } = await browserFlow(browser);
      const refused = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD }),
      });
      assert.equal(refused.status, 303, refused.body);
      assert.match(refused.location!, /\/error\?id=/);
      const page = await browser.get(new URL(refused.location!, olympus.publicUrl).toString());
      assert.equal(page.status, 200);
      const errorId = codeAt(page.body, 'error-id');
      const failedRequestId = codeAt(page.body, 'failed-request-id');
      assert.ok(errorId && failedRequestId, page.body);
      assert.notEqual(errorId, 'security_csrf_violation', 'the page shows an id of this occurrence, not the code');
      assert.equal(failedRequestId, requestIdOf(refused));

      const byErrorId = await one({ errorId }, 'login_submitted');
      assert.equal(byErrorId.outcome, 'refused');
      assert.equal(byErrorId.errorCode, 'security_csrf_violation');
      assert.equal(byErrorId.flowId, flowId);
      assert.equal(byErrorId.errorId, errorId);
      assert.deepEqual(byErrorId.evidence.csrf, { cookie_present: true, token_present: false, equal: null });
      assert.equal(byErrorId.evidence.csrf_origin_sent, null, 'this client sent no Origin');
      assert.ok((byErrorId.evidence.cookies_received as string[]).includes('olympus_csrf'));
      assert.equal((await one({ requestId: failedRequestId }, 'login_submitted')).id, byErrorId.id);
      const wire = await (await fetch(`${olympus.adminUrl}/admin/trace-events?error_id=${errorId}`)).json() as Array<{ stop: string; error_id: string | null }>;
      assert.deepEqual(wire.filter((e) => e.error_id === errorId).map((e) => e.stop), ['login_submitted'], 'GET /admin/trace-events finds it by the id on the page');
      assert.ok(olympus.logs.some((l) => l.error_id === errorId && l.error === 'security_csrf_violation'), 'the error id is the logged one');
      assert.ok(!JSON.stringify(byErrorId).includes(DEMO_PASSWORD));
    });

    test('stop 13: whoami refusing an aal1 session of an identity with a second factor is recorded with both AALs; an accepted whoami and an anonymous one are not', async () => {
      const token = await nativeSession(`trace-${randomUUID().slice(0, 8)}@example.com`);
      const accepted = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': token } });
      assert.equal(accepted.status, 200);
      const { identity } = await accepted.json() as { identity: { id: string } };
      const identities = olympus.server.identity.storage.identities;
      const stored = (await identities.getIdentity(identity.id))!;
      const now = new Date().toISOString();
      await identities.updateIdentity({
        ...stored, credentials: { ...stored.credentials, totp: { type: 'totp', identifiers: [identity.id], version: 0, config: {}, created_at: now, updated_at: now } },
      });
      const refused = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': token } });
      assert.equal(refused.status, 403);
      const anonymous = await fetch(`${olympus.publicUrl}/sessions/whoami`);
      assert.equal(anonymous.status, 401);
      const unknown = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': `ory_st_${randomUUID()}` } });
      assert.equal(unknown.status, 401);

      const event = await one({ requestId: requestIdOf(refused) }, 'whoami');
      assert.equal(event.outcome, 'refused');
      assert.equal(event.errorCode, 'session_aal2_required');
      assert.equal(event.traceId, requestIdOf(refused));
      assert.equal(event.identityId, identity.id);
      assert.deepEqual(event.evidence, { aal_required: 'aal2', aal_reached: 'aal1', session_present: true, session_token_sent: true });
      assert.ok(event.errorId, 'the JSON error\'s id was linked');
      assert.deepEqual(await find({ requestId: requestIdOf(accepted) }), [], 'an accepted whoami writes nothing');
      assert.deepEqual(await find({ requestId: requestIdOf(anonymous) }), [], 'a visitor without a session is no failure');
      const inactive = await one({ requestId: requestIdOf(unknown) }, 'whoami');
      assert.equal(inactive.errorCode, 'session_inactive');
      assert.deepEqual(inactive.evidence, { aal_required: 'aal1', aal_reached: null, session_present: false, session_token_sent: true });
      assert.ok(!JSON.stringify([event, inactive]).includes(token));
    });

    test('a refused /oauth2/auth shown as a page: its error id finds the refused authorization', async () => {
      const res = await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: 'no-such-client', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      assert.notEqual(res.status, 302);
      const errorId = codeAt(res.body, 'error-id');
      assert.ok(errorId, res.body);
      const event = await one({ errorId }, 'authorize');
      assert.equal(event.outcome, 'refused');
      assert.equal(event.requestId, requestIdOf(res));
    });
  });
}
