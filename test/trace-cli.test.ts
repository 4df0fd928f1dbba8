/**
 * GET /admin/trace-events and `olympus trace <id>` against a real server on both databases
 * (docs/operations/tracing.md): the endpoint answers a chain by trace, request, client or identity
 * id and refuses a request that names none or several; the CLI, run as its own process, prints a
 * happy chain in order and, for a refused login or authorization, the failing stop with its code,
 * its evidence and the troubleshooting page of the code.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { createTraceStore } from '@olympus/storage';
import type { TraceRecentQuery } from '@olympus/trace';
import { Browser } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { signInAt, signInUntilConsent, startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_LAUNCHER = 'apps/cli/bin/olympus.js';
const REDIRECT = 'http://127.0.0.1:9/callback';
const CLIENT = 'trace-cli-web';

interface CliRun { code: number; stdout: string; stderr: string }

const olympusCli = (args: string[], adminUrl: string): Promise<CliRun> =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, OLYMPUS_ADMIN_URL: adminUrl };
    for (const name of ['ORY_SDK_URL', 'OLYMPUS_ADMIN_API_KEY']) delete env[name];
    execFile(process.execPath, [CLI_LAUNCHER, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`olympus trace (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;
    let happyTrace: string;
    let identityId: string;
    const requestId = `req-${randomUUID()}`;

    const adminGet = async (query: string) => {
      const res = await fetch(`${olympus.adminUrl}/admin/trace-events?${query}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown>[] & Record<string, unknown> };
    };
    const traceOf = async (query: TraceRecentQuery, where: (e: { errorCode?: string; evidence: Record<string, unknown> }) => boolean = () => true) => {
      await olympus.server.traces!.flush();
      const event = (await createTraceStore(olympus.server.db).listRecent(query)).find(where);
      assert.ok(event, `an event matches ${JSON.stringify(query)}`);
      return event;
    };

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, hera: { ...c.hera, firstPartyClients: [CLIENT] } }));
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: CLIENT, client_name: 'Trace CLI Web', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        scope: 'openid offline_access', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: CLIENT, redirectUri: REDIRECT, scope: 'openid offline_access' };
      const browser = new Browser();
      const { consent, verifier } = await signInUntilConsent(browser, target, DEMO_EMAIL, DEMO_PASSWORD);
      const code = new URL((await browser.get(consent.location!)).location!).searchParams.get('code')!;
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier }, { 'x-request-id': requestId });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      const exchange = await traceOf({ clientId: CLIENT, stop: 'token_exchange', outcome: 'ok', limit: 10 });
      happyTrace = exchange.traceId;
      identityId = exchange.identityId ?? (await traceOf({ clientId: CLIENT, stop: 'code_issued', limit: 10 })).identityId!;
      assert.ok(identityId);
    });
    after(async () => olympus?.close());

    test('GET /admin/trace-events: a trace in time order as snake_case JSON, found by trace, request, client and identity id', async () => {
      const byTrace = await adminGet(`trace_id=${happyTrace}`);
      assert.equal(byTrace.status, 200);
      assert.deepEqual(byTrace.body.map((e) => e.stop), ['authorize', 'login_submitted', 'code_issued', 'token_exchange']);
      const [first] = byTrace.body;
      assert.deepEqual(Object.keys(first!).sort(), [
        'challenge_id', 'client_id', 'duration_ms', 'error_code', 'evidence', 'flow_id', 'identity_id', 'outcome', 'request_id',
        'schema_version', 'stop', 'time', 'trace_id',
      ]);
      assert.equal(first!.schema_version, 1);
      assert.equal(first!.client_id, CLIENT);
      assert.equal(byTrace.body.at(-1)!.request_id, requestId);
      const times = byTrace.body.map((e) => Date.parse(e.time as string));
      assert.deepEqual(times, [...times].sort((a, b) => a - b));

      const byRequest = await adminGet(`request_id=${requestId}`);
      assert.deepEqual(byRequest.body, byTrace.body, 'a request id answers the whole trace it belongs to');
      for (const query of [`client_id=${CLIENT}`, `identity_id=${identityId}`]) {
        const answer = await adminGet(query);
        assert.equal(answer.status, 200);
        assert.ok(answer.body.some((e) => e.trace_id === happyTrace && e.stop === 'authorize'), query);
      }
      assert.deepEqual((await adminGet(`trace_id=${randomUUID()}`)).body, []);
      assert.equal((await adminGet(`client_id=${CLIENT}&page_size=2`)).body.length, 2);
    });

    test('GET /admin/trace-events refuses no selector, several selectors and a bad page size with a 400 that says why', async () => {
      const none = await adminGet('');
      assert.equal(none.status, 400);
      assert.equal(none.body.error, 'invalid_request');
      assert.match(none.body.error_description as string, /one of the query parameters trace_id, request_id, client_id or identity_id/);
      const several = await adminGet(`trace_id=${happyTrace}&client_id=${CLIENT}`);
      assert.equal(several.status, 400);
      assert.match(several.body.error_description as string, /only one .* not trace_id and client_id/);
      assert.equal((await adminGet(`trace_id=${happyTrace}&page_size=0`)).status, 400);
    });

    test('olympus trace <trace id>: every stop ok, numbered in time order; JSON says what matched', async () => {
      const run = await olympusCli(['trace', happyTrace], olympus.adminUrl);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Matched trace id ${happyTrace}: 4 event\\(s\\) in 1 trace\\(s\\)\\.`));
      const stops = [...run.stdout.matchAll(/^ {2}(\d+)\. (\S+)\s+(\S+)\s+(\d\d:\d\d:\d\d\.\d{3})\s+(\d+) ms$/gm)];
      assert.deepEqual(stops.map((m) => `${m[1]} ${m[2]} ${m[3]}`), ['1 authorize ok', '2 login_submitted ok', '3 code_issued ok', '4 token_exchange ok']);
      assert.doesNotMatch(run.stdout, /✖/);

      const json = await olympusCli(['trace', requestId, '--format', 'json'], olympus.adminUrl);
      assert.equal(json.code, 0, json.stderr);
      const answer = JSON.parse(json.stdout) as { matched: string; events: { trace_id: string }[] };
      assert.equal(answer.matched, 'request_id');
      assert.ok(answer.events.length === 4 && answer.events.every((e) => e.trace_id === happyTrace));
      const byIdentity = await olympusCli(['trace', identityId], olympus.adminUrl);
      assert.match(byIdentity.stdout, new RegExp(`^Matched identity id ${identityId}:`));
    });

    test('olympus trace: a wrong password is stop login_submitted refused, code 4000006, with the CSRF evidence and no page', async () => {
      const browser = new Browser();
      const { hera } = await startAtHera(browser, target);
      await signInAt(browser, olympus.publicUrl, hera, DEMO_EMAIL, 'not-the-password-1');
      const refused = await traceOf({ stop: 'login_submitted', outcome: 'refused', limit: 20 }, (e) => e.errorCode === '4000006');
      const run = await olympusCli(['trace', refused.traceId], olympus.adminUrl);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^ {2}1\. authorize\s+ok /m);
      assert.match(run.stdout, /^✖ 2\. login_submitted\s+refused\s+\d\d:\d\d:\d\d\.\d{3}\s+\d+ ms$/m);
      assert.match(run.stdout, /^ {5}error code: 4000006$/m);
      assert.match(run.stdout, /^ {7}csrf\.cookie_present: true$/m);
      assert.match(run.stdout, /^ {7}csrf\.token_present: true$/m);
      assert.match(run.stdout, /^ {7}csrf\.equal: true$/m);
      assert.match(run.stdout, /^ {7}message_ids: \[4000006\]$/m);
      assert.doesNotMatch(run.stdout, /troubleshooting/);
      assert.ok(!run.stdout.includes('not-the-password-1'));
    });

    test('olympus trace: an authorization refused for a trailing-slash redirect URI prints the page of its error code', async () => {
      const sent = `${REDIRECT}/`;
      await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: CLIENT, response_type: 'code', redirect_uri: sent, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const refused = await traceOf({ clientId: CLIENT, stop: 'authorize', outcome: 'refused', limit: 10 }, (e) => e.evidence.redirect_uri_sent === sent);
      const run = await olympusCli(['trace', refused.traceId], olympus.adminUrl);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^✖ 1\. authorize\s+refused /m);
      assert.match(run.stdout, /^ {5}error code: invalid_request$/m);
      assert.match(run.stdout, new RegExp(`^ {7}redirect_uri_sent: ${sent.replaceAll('.', '\\.')}$`, 'm'));
      assert.match(run.stdout, /^ {5}troubleshooting: docs\/troubleshooting\/invalid_request\.md$/m);
    });

    test('olympus trace: exit 1 with a clear message when nothing matches, 2 without an id', async () => {
      const unknown = `nothing-${randomUUID()}`;
      const missing = await olympusCli(['trace', unknown], olympus.adminUrl);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, new RegExp(`No trace event matches "${unknown}" as a trace id, request id, client id or identity id`));
      assert.equal((await olympusCli(['trace'], olympus.adminUrl)).code, 2);
    });
  });
}
