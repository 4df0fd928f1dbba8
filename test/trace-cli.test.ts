/**
 * GET /admin/trace-events and `olympus trace <id>` against a real server on both databases
 * (docs/operations/tracing.md): the endpoint answers a chain by trace, request, client or identity
 * id and refuses a request that names none or several; the CLI, run as its own process, prints a
 * happy chain in order and, for a refused login or authorization, the failing stop with its code,
 * its evidence and the troubleshooting page of the code. The endpoint also selects by error id,
 * challenge and flow id, `q` tries every kind of id and names the one that matched, `since` narrows;
 * the CLI prints the diagnosis (cause, evidence, fix, docs page), resolves an email to its identity,
 * and --follow prints a client's new traces until SIGTERM.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { createTraceStore } from '@olympus/storage';
import { newTraceEvent, type TraceRecentQuery } from '@olympus/trace';
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

/** `olympus trace … --follow` as a running process: its output so far, waiting for a pattern, and SIGTERM. */
const followCli = (args: string[], adminUrl: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, OLYMPUS_ADMIN_URL: adminUrl };
  for (const name of ['ORY_SDK_URL', 'OLYMPUS_ADMIN_API_KEY']) delete env[name];
  const child = spawn(process.execPath, [CLI_LAUNCHER, ...args], { cwd: ROOT, env });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 15_000): Promise<void> => {
    for (const until = Date.now() + ms; !pattern.test(stdout); await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > until) assert.fail(`no ${pattern} in:\n${stdout}`);
    }
  };
  return { output: () => stdout, waitFor, stop: () => { child.kill('SIGTERM'); return exited; } };
};

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

    /** An authorization refused for a redirect URI with a trailing slash, and `olympus trace` of its trace. */
    const traceTrailingSlashRefusal = async () => {
      const sent = `${REDIRECT}/`;
      await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: CLIENT, response_type: 'code', redirect_uri: sent, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const refused = await traceOf({ clientId: CLIENT, stop: 'authorize', outcome: 'refused', limit: 10 }, (e) => e.evidence.redirect_uri_sent === sent);
      return { sent, refused, run: await olympusCli(['trace', refused.traceId], olympus.adminUrl) };
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
      assert.deepEqual(byTrace.body.map((e) => e.stop), [
        'authorize', 'login_request', 'login_flow_created', 'login_submitted', 'login_accepted', 'consent_shown', 'consent_decided', 'code_issued', 'token_exchange',
      ]);
      const [first] = byTrace.body;
      assert.deepEqual(Object.keys(first!).sort(), [
        'challenge_id', 'client_id', 'duration_ms', 'error_code', 'error_id', 'evidence', 'flow_id', 'identity_id', 'outcome', 'request_id',
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
      assert.match(run.stdout, new RegExp(`^Matched trace id ${happyTrace}: 9 event\\(s\\) in 1 trace\\(s\\)\\.`));
      const stops = [...run.stdout.matchAll(/^ {2}(\d+)\. (\S+)\s+(\S+)\s+(\d\d:\d\d:\d\d\.\d{3})\s+(\d+) ms$/gm)];
      assert.deepEqual(stops.map((m) => `${m[1]} ${m[2]} ${m[3]}`), [
        '1 authorize ok', '2 login_request ok', '3 login_flow_created ok', '4 login_submitted ok', '5 login_accepted ok', '6 consent_shown ok',
        '7 consent_decided ok', '8 code_issued ok', '9 token_exchange ok',
      ]);
      assert.doesNotMatch(run.stdout, /✖/);

      const json = await olympusCli(['trace', requestId, '--format', 'json'], olympus.adminUrl);
      assert.equal(json.code, 0, json.stderr);
      const answer = JSON.parse(json.stdout) as { matched: string; events: { trace_id: string }[] };
      assert.equal(answer.matched, 'request_id');
      assert.ok(answer.events.length === 9 && answer.events.every((e) => e.trace_id === happyTrace));
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
      assert.match(run.stdout, /^✖ 4\. login_submitted\s+refused\s+\d\d:\d\d:\d\d\.\d{3}\s+\d+ ms$/m);
      assert.match(run.stdout, /^ {5}error code: 4000006$/m);
      assert.match(run.stdout, /^ {7}csrf\.cookie_present: true$/m);
      assert.match(run.stdout, /^ {7}csrf\.token_present: true$/m);
      assert.match(run.stdout, /^ {7}csrf\.equal: true$/m);
      assert.match(run.stdout, /^ {7}message_ids: \[4000006\]$/m);
      assert.doesNotMatch(run.stdout, /troubleshooting/);
      assert.ok(!run.stdout.includes('not-the-password-1'));
    });

    test('olympus trace: an authorization refused for a trailing-slash redirect URI prints the page of its error code', async () => {
      const { sent, refused, run } = await traceTrailingSlashRefusal();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^✖ 1\. authorize\s+refused /m);
      assert.match(run.stdout, /^ {5}error code: invalid_request$/m);
      assert.match(run.stdout, new RegExp(`^ {7}redirect_uri_sent: ${sent.replaceAll('.', '\\.')}$`, 'm'));
      assert.match(run.stdout, /^ {5}troubleshooting: docs\/troubleshooting\/invalid_request\.md$/m);
    });

    test('GET /admin/trace-events: error id, challenge and flow id select a chain; q tries every kind and says which matched; since narrows', async () => {
      const chain = (await adminGet(`trace_id=${happyTrace}`)).body;
      const authorize = chain[0]!;
      assert.ok(typeof authorize.challenge_id === 'string' && typeof authorize.flow_id === 'string');
      for (const query of [`challenge=${authorize.challenge_id}`, `flow_id=${authorize.flow_id}`]) {
        assert.ok((await adminGet(query)).body.some((e) => e.trace_id === happyTrace && e.stop === 'authorize'), query);
      }
      const errorId = `err-${randomUUID()}`;
      const traceId = randomUUID();
      await createTraceStore(olympus.server.db).appendBatch([newTraceEvent({
        traceId, stop: 'authorize', outcome: 'refused', errorCode: 'invalid_scope', errorId, clientId: CLIENT, evidence: { error_hint: 'Ask for openid.' },
      }, Date.now())]);
      assert.deepEqual((await adminGet(`error_id=${errorId}`)).body.map((e) => e.trace_id), [traceId]);

      for (const [value, selector] of [[happyTrace, 'trace_id'], [requestId, 'request_id'], [errorId, 'error_id'], [authorize.challenge_id, 'challenge'], [CLIENT, 'client_id'], [identityId, 'identity_id']] as const) {
        const res = await fetch(`${olympus.adminUrl}/admin/trace-events?q=${encodeURIComponent(String(value))}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('x-trace-matched'), selector, String(value));
        assert.ok(((await res.json()) as unknown[]).length > 0);
      }
      const nothing = await fetch(`${olympus.adminUrl}/admin/trace-events?q=${randomUUID()}`);
      assert.deepEqual(await nothing.json(), []);
      assert.equal(nothing.headers.get('x-trace-matched'), null);

      assert.deepEqual((await adminGet(`trace_id=${happyTrace}&since=2999-01-01T00:00:00Z`)).body, []);
      assert.equal((await adminGet(`trace_id=${happyTrace}&since=2000-01-01T00:00:00Z`)).body.length, chain.length);
      assert.deepEqual((await adminGet(`client_id=${CLIENT}&since=2999-01-01T00:00:00%2B01:00`)).body, []);
      const bad = await adminGet(`trace_id=${happyTrace}&since=yesterday`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error_description as string, /RFC 3339/);
    });

    test('olympus trace: the redirect URI mismatch diagnosed — cause, registered vs sent, the difference, the fix and its docs section', async () => {
      const { sent, refused, run } = await traceTrailingSlashRefusal();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Trace ${refused.traceId} \\(failed\\)$`, 'm'));
      assert.match(run.stdout, /^ {5}cause: redirect_uri_mismatch$/m);
      assert.match(run.stdout, new RegExp(`^ {7}registered redirect URIs: ${REDIRECT.replaceAll('.', '\\.')}$`, 'm'));
      assert.match(run.stdout, /^ {7}difference: sent has a trailing slash$/m);
      assert.match(run.stdout, new RegExp(`^ {5}fix: .*olympus update oauth2-client ${CLIENT} --redirect-uri`, 'm'));
      assert.match(run.stdout, /^ {5}docs: docs\/troubleshooting\/invalid_request\.md#cause-redirect_uri_mismatch$/m);

      const json = await olympusCli(['trace', refused.traceId, '--format', 'json'], olympus.adminUrl);
      const answer = JSON.parse(json.stdout) as { matched: string; traces: { trace_id: string; events: unknown[]; diagnosis: { outcome: string; findings: { cause: string; stop: string }[] } }[] };
      assert.equal(answer.matched, 'trace_id');
      assert.equal(answer.traces[0]!.trace_id, refused.traceId);
      assert.equal(answer.traces[0]!.diagnosis.outcome, 'failed');
      assert.deepEqual(answer.traces[0]!.diagnosis.findings.map((f) => `${f.stop} ${f.cause}`), ['authorize redirect_uri_mismatch']);
    });

    test('olympus trace <email> finds the identity\'s traces; --since narrows, and a bad --since is a usage error', async () => {
      const byEmail = await olympusCli(['trace', DEMO_EMAIL, '--format', 'json'], olympus.adminUrl);
      assert.equal(byEmail.code, 0, byEmail.stderr);
      const answer = JSON.parse(byEmail.stdout) as { matched: string; traces: { trace_id: string }[] };
      assert.equal(answer.matched, 'email');
      assert.ok(answer.traces.some((t) => t.trace_id === happyTrace));
      const text = await olympusCli(['trace', DEMO_EMAIL, '--since', '1h'], olympus.adminUrl);
      assert.match(text.stdout, new RegExp(`^Matched email ${DEMO_EMAIL.replaceAll('.', '\\.')}:`));
      assert.equal((await olympusCli(['trace', happyTrace, '--since', '2999-01-01T00:00:00Z'], olympus.adminUrl)).code, 1);
      assert.equal((await olympusCli(['trace', happyTrace, '--since', 'soon'], olympus.adminUrl)).code, 2);
    });

    test('olympus trace <client> --follow prints a new trace of the client as it happens and ends with 0 on SIGTERM', async () => {
      const follow = followCli(['trace', CLIENT, '--follow', '--since', '1m'], olympus.adminUrl);
      await follow.waitFor(/^(Matched client id|Nothing matches)/m);
      const sent = `${REDIRECT}/followed`;
      await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: CLIENT, response_type: 'code', redirect_uri: sent, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const refused = await traceOf({ clientId: CLIENT, stop: 'authorize', outcome: 'refused', limit: 10 }, (e) => e.evidence.redirect_uri_sent === sent);
      await follow.waitFor(new RegExp(`^Trace ${refused.traceId} \\(failed\\)$[\\s\\S]*cause: redirect_uri_mismatch`, 'm'));
      assert.equal(await follow.stop(), 0, follow.output());
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
