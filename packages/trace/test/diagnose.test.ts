/**
 * The flow tracer's diagnosis (packages/trace/src/diagnose): hand-built chains for every cause code,
 * each asserting the stop, the cause, the facts the evidence names and a concrete fix; the docs page
 * of every cause exists with its `### Cause: <code>` section; and no chain, however malformed its
 * evidence, makes the diagnosis throw.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CAUSE_PAGES, TRACE_STOPS, causeAnchor, diagnoseTrace, type TraceEvent, type TraceFinding, type TraceStop } from '../src/index.ts';

const T0 = Date.parse('2026-01-01T12:00:00.000Z');
let counter = 0;

const ev = (stop: TraceStop, outcome: TraceEvent['outcome'], evidence: Record<string, unknown> = {}, extra: Partial<TraceEvent> = {}): TraceEvent => {
  counter += 1;
  return {
    schemaVersion: 1, id: `e-${counter}`, traceId: 't-1', stop, time: new Date(T0 + counter * 1000).toISOString(), durationMs: 1,
    outcome, clientId: 'my-app', evidence, ...extra,
  };
};

const NOW = T0 + 3_600_000;
const failureOf = (chain: TraceEvent[], now = NOW): TraceFinding => {
  const diagnosis = diagnoseTrace(chain, now);
  assert.equal(diagnosis.outcome, 'failed');
  const [first] = diagnosis.findings;
  assert.equal(first?.level, 'failure');
  assert.equal(diagnosis.failingEventId, first.eventId);
  return first;
};
const valueOf = (finding: TraceFinding, label: string): string | undefined => finding.evidence.find((l) => l.label === label)?.value;

const authorizeOk = () => ev('authorize', 'ok', { redirect_uri_sent: 'https://app.example/cb', registered_redirect_uris: ['https://app.example/cb'] }, { challengeId: 'ch-1' });

describe('diagnosis: failures at /oauth2/auth', () => {
  test('client_unknown', () => {
    const f = failureOf([ev('authorize', 'refused', { client_known: false, registered_redirect_uris: null, redirect_uri_sent: 'https://x/cb' }, { errorCode: 'invalid_client', clientId: 'nope' })]);
    assert.equal(f.cause, 'client_unknown');
    assert.equal(f.stop, 'authorize');
    assert.match(f.summary, /"nope"/);
    assert.match(f.fix, /olympus create oauth2-client --id nope/);
    assert.equal(f.docPage, 'docs/troubleshooting/invalid_client.md#cause-client_unknown');
  });

  test('redirect_uri_mismatch by a trailing slash names the registered, the sent URI and the difference', () => {
    const f = failureOf([ev('authorize', 'refused', {
      client_known: true, redirect_uri_sent: 'https://app.example/cb/', registered_redirect_uris: ['https://app.example/cb', 'http://127.0.0.1/other'],
    }, { errorCode: 'invalid_request' })]);
    assert.equal(f.cause, 'redirect_uri_mismatch');
    assert.equal(valueOf(f, 'registered redirect URIs'), 'https://app.example/cb, http://127.0.0.1/other');
    assert.equal(valueOf(f, 'sent'), 'https://app.example/cb/');
    assert.equal(valueOf(f, 'difference'), 'sent has a trailing slash');
    assert.match(f.fix, /olympus update oauth2-client my-app --redirect-uri https:\/\/app\.example\/cb\//);
    assert.equal(f.docPage, 'docs/troubleshooting/invalid_request.md#cause-redirect_uri_mismatch');
  });

  test('redirect_uri_mismatch: host and port differences in words; a loopback port change is no mismatch', () => {
    const f = failureOf([ev('authorize', 'refused', { redirect_uri_sent: 'http://localhost:3000/cb', registered_redirect_uris: ['http://127.0.0.1:3000/cb'] }, { errorCode: 'invalid_request' })]);
    assert.equal(valueOf(f, 'difference'), 'host: sent localhost, registered 127.0.0.1');
    const loopback = failureOf([ev('authorize', 'refused', {
      redirect_uri_sent: 'http://127.0.0.1:5555/cb', registered_redirect_uris: ['http://127.0.0.1/cb'], code_challenge_present: false, pkce_required: true,
    }, { errorCode: 'invalid_request' })]);
    assert.equal(loopback.cause, 'pkce_missing');
  });

  test('redirect_uri_mismatch at the token endpoint: the code was issued for another redirect_uri', () => {
    const f = failureOf([authorizeOk(), ev('token_exchange', 'refused', { code_state: 'redirect_uri_mismatch' }, { errorCode: 'invalid_grant' })]);
    assert.equal(f.cause, 'redirect_uri_mismatch');
    assert.match(f.fix, /RFC 6749 §4\.1\.3/);
  });

  test('response_type_not_allowed: unsupported, or not registered for the client', () => {
    const unsupported = failureOf([ev('authorize', 'refused', { response_type: 'token', registered_response_types: ['code'] }, { errorCode: 'unsupported_response_type' })]);
    assert.equal(unsupported.cause, 'response_type_not_allowed');
    assert.match(unsupported.fix, /response_type=code/);
    const unregistered = failureOf([ev('authorize', 'refused', {
      response_type: 'code', registered_response_types: ['id_token'], registered_grant_types: ['authorization_code'],
    }, { errorCode: 'unauthorized_client' })]);
    assert.equal(unregistered.cause, 'response_type_not_allowed');
    assert.match(unregistered.fix, /--response-type code/);
    assert.equal(unregistered.docPage, 'docs/troubleshooting/unsupported_response_type.md#cause-response_type_not_allowed');
  });

  test('grant_type_not_allowed at /oauth2/auth and at the token endpoint', () => {
    const atAuthorize = failureOf([ev('authorize', 'refused', {
      response_type: 'code', registered_response_types: ['code'], registered_grant_types: ['client_credentials'],
    }, { errorCode: 'unauthorized_client' })]);
    assert.equal(atAuthorize.cause, 'grant_type_not_allowed');
    assert.equal(valueOf(atAuthorize, 'registered grant types'), 'client_credentials');
    assert.match(atAuthorize.fix, /--grant-type authorization_code --grant-type client_credentials/);
    const atToken = failureOf([ev('refresh', 'refused', { grant_type: 'refresh_token', registered_grant_types: ['authorization_code'] }, { errorCode: 'unauthorized_client' })]);
    assert.equal(atToken.cause, 'grant_type_not_allowed');
    assert.equal(atToken.stop, 'refresh');
  });

  test('pkce_missing', () => {
    const f = failureOf([ev('authorize', 'refused', {
      redirect_uri_sent: 'https://app.example/cb', registered_redirect_uris: ['https://app.example/cb'], code_challenge_present: false, pkce_required: true, code_challenge_method: null,
    }, { errorCode: 'invalid_request' })]);
    assert.equal(f.cause, 'pkce_missing');
    assert.match(f.fix, /code_challenge_method=S256/);
  });
});

describe('diagnosis: failures at the token endpoint', () => {
  test('pkce_verifier_mismatch', () => {
    const f = failureOf([authorizeOk(), ev('code_issued', 'ok'), ev('token_exchange', 'refused', {
      grant_type: 'authorization_code', pkce: { challenge_registered: true, method: 'S256', verifier_present: true, matched: false }, code_state: 'valid',
    }, { errorCode: 'invalid_grant' })]);
    assert.equal(f.cause, 'pkce_verifier_mismatch');
    assert.equal(f.stop, 'token_exchange');
    assert.equal(valueOf(f, 'verifier matched'), 'no');
    assert.equal(f.docPage, 'docs/troubleshooting/invalid_grant.md#cause-pkce_verifier_mismatch');
  });

  test('code_reused says when the code was first used and what was revoked', () => {
    const f = failureOf([authorizeOk(), ev('code_issued', 'ok'), ev('token_exchange', 'ok'), ev('token_exchange', 'refused', {
      code_state: 'used', code_first_used_at: '2026-01-01T12:00:05.000Z', revoked_on_reuse: true,
    }, { errorCode: 'invalid_grant' })]);
    assert.equal(f.cause, 'code_reused');
    assert.equal(valueOf(f, 'first used at'), '2026-01-01T12:00:05.000Z');
    assert.equal(valueOf(f, 'tokens of the first use revoked'), 'yes');
    assert.match(f.summary, /revoked/);
  });

  test('client_auth_method_mismatch: client_secret_post sent by a client registered for client_secret_basic', () => {
    const f = failureOf([ev('token_exchange', 'refused', {
      grant_type: 'client_credentials', client_known: true, registered_auth_method: 'client_secret_basic', attempted_auth_method: 'client_secret_post',
    }, { errorCode: 'invalid_client' })]);
    assert.equal(f.cause, 'client_auth_method_mismatch');
    assert.equal(valueOf(f, 'registered auth method'), 'client_secret_basic');
    assert.equal(valueOf(f, 'attempted auth method'), 'client_secret_post');
    assert.match(f.fix, /--token-endpoint-auth-method client_secret_post/);
    assert.match(f.fix, /HTTP Basic/);
  });

  test('client_unknown at the token endpoint', () => {
    const f = failureOf([ev('token_exchange', 'refused', { client_known: false, registered_auth_method: null, attempted_auth_method: 'client_secret_basic' }, { errorCode: 'invalid_client' })]);
    assert.equal(f.cause, 'client_unknown');
  });

  test('refresh_token_reused: the family revoked, when, and the first use', () => {
    const f = failureOf([authorizeOk(), ev('code_issued', 'ok'), ev('token_exchange', 'ok'), ev('refresh', 'ok'), ev('refresh', 'refused', {
      refresh_state: 'spent', first_used_at: '2026-01-01T12:00:07.000Z', family_revoked_at: '2026-01-01T12:00:09.000Z',
    }, { errorCode: 'invalid_grant' })]);
    assert.equal(f.cause, 'refresh_token_reused');
    assert.equal(valueOf(f, 'first used at'), '2026-01-01T12:00:07.000Z');
    assert.equal(valueOf(f, 'family revoked at'), '2026-01-01T12:00:09.000Z');
  });
});

describe('diagnosis: failures of the login', () => {
  const csrf = (facts: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    failureOf([authorizeOk(), ev('login_submitted', 'refused', { method: 'password', flow_type: 'browser', csrf: facts, ...extra }, { errorCode: 'security_csrf_violation' })]);

  test('csrf_cookie_missing: the form posted from another origin', () => {
    const f = csrf({ cookie_present: false, token_present: true, equal: null, origin_sent: 'http://127.0.0.1:3000', origin_expected: 'http://localhost:4444' }, { cookies_received: [] });
    assert.equal(f.cause, 'csrf_cookie_missing');
    assert.equal(f.stop, 'login_submitted');
    assert.match(f.summary, /posted from http:\/\/127\.0\.0\.1:3000, but Olympus' public origin is http:\/\/localhost:4444/);
    assert.equal(valueOf(f, 'cookies received'), '(none)');
    assert.match(f.fix, /serve\.public\.base_url/);
    assert.equal(f.docPage, 'docs/troubleshooting/security_csrf_violation.md#cause-csrf_cookie_missing');
  });

  test('csrf_cookie_missing: no cookie at all from the same origin reads as SameSite or blocked cookies', () => {
    const f = csrf({ cookie_present: false, token_present: true, equal: null }, { csrf_origin_sent: 'http://localhost:4444', csrf_origin_expected: 'http://localhost:4444', cookies_received: [] });
    assert.match(f.summary, /SameSite/);
    assert.equal(valueOf(f, 'origin expected'), 'http://localhost:4444');
  });

  test('csrf_token_missing and csrf_token_mismatch', () => {
    assert.equal(csrf({ cookie_present: true, token_present: false, equal: null }).cause, 'csrf_token_missing');
    const mismatch = csrf({ cookie_present: true, token_present: true, equal: false });
    assert.equal(mismatch.cause, 'csrf_token_mismatch');
    assert.equal(valueOf(mismatch, 'token equals cookie'), 'no');
  });

  test('session_aal_too_low at whoami and at a login submit', () => {
    const whoami = failureOf([ev('whoami', 'refused', { aal_required: 'aal2', aal_reached: 'aal1', session_present: true }, { errorCode: 'session_aal2_required' })]);
    assert.equal(whoami.cause, 'session_aal_too_low');
    assert.match(whoami.fix, /session\.whoami\.required_aal/);
    assert.equal(whoami.docPage, 'docs/troubleshooting/session_aal2_required.md#cause-session_aal_too_low');
    const submit = failureOf([ev('login_submitted', 'refused', { aal_required: 'aal2', aal_reached: 'aal1', csrf: null }, { errorCode: 'session_aal2_required' })]);
    assert.equal(submit.cause, 'session_aal_too_low');
  });

  test('login_challenge_expired and login_challenge_reused', () => {
    const expired = failureOf([authorizeOk(), ev('login_request', 'refused', { state: 'login_requested', challenge_age_ms: 2_400_000, handled_at: null }, { errorCode: 'request_expired', challengeId: 'ch-1' })]);
    assert.equal(expired.cause, 'login_challenge_expired');
    assert.equal(valueOf(expired, 'challenge age'), '40 min');
    assert.match(expired.fix, /ttl\.login_consent_request/);
    const reused = failureOf([authorizeOk(), ev('login_accepted', 'ok', {}, { challengeId: 'ch-1' }), ev('login_accepted', 'refused', {
      state: 'login_accepted', challenge_age_ms: 5000, handled_at: '2026-01-01T12:00:02.000Z',
    }, { errorCode: 'request_handled', challengeId: 'ch-1' })]);
    assert.equal(reused.cause, 'login_challenge_reused');
    assert.equal(valueOf(reused, 'handled at'), '2026-01-01T12:00:02.000Z');
  });

  test('skip_not_accepted: skip true, then the same challenge fetched again without an accept', () => {
    const skip = ev('login_request', 'ok', { skip: true, subject_known: true, challenge_age_ms: 10, expires_in_ms: 1_800_000 }, { challengeId: 'ch-1' });
    const chain = [authorizeOk(), skip, ev('login_request', 'ok', { skip: true, expires_in_ms: 1_799_000 }, { challengeId: 'ch-1' })];
    const f = failureOf(chain, T0 + 60_000);
    assert.equal(f.cause, 'skip_not_accepted');
    assert.equal(f.eventId, skip.id);
    assert.equal(valueOf(f, 'fetched again'), '1');
    assert.match(f.fix, /login\/accept/);
    assert.equal(f.docPage, 'docs/troubleshooting/tracing-causes.md#cause-skip_not_accepted');
  });

  test('skip_not_accepted: skip true and the challenge expired unaccepted; not before it expired, not once accepted', () => {
    const skip = ev('login_request', 'ok', { skip: true, expires_in_ms: 60_000 }, { challengeId: 'ch-2' });
    assert.equal(failureOf([skip], Date.parse(skip.time) + 61_000).cause, 'skip_not_accepted');
    assert.equal(diagnoseTrace([skip], Date.parse(skip.time) + 1_000).outcome, 'incomplete');
    const accepted = ev('login_accepted', 'ok', { skip: true }, { challengeId: 'ch-2' });
    assert.equal(diagnoseTrace([skip, accepted], Date.parse(skip.time) + 61_000).findings.length, 0);
  });

  test('any other refusal is error:<code> with the hint as the fix and the evidence as recorded', () => {
    const f = failureOf([ev('authorize', 'refused', { error_hint: 'Ask only for scopes the client is registered for.', requested_scopes: ['admin'] }, { errorCode: 'invalid_scope' })]);
    assert.equal(f.cause, 'error:invalid_scope');
    assert.equal(f.fix, 'Ask only for scopes the client is registered for.');
    assert.equal(valueOf(f, 'requested_scopes'), 'admin');
    assert.equal(f.docPage, 'docs/troubleshooting/invalid_scope.md');
    const form = failureOf([ev('login_submitted', 'refused', { csrf: { cookie_present: true, token_present: true, equal: true }, message_ids: [4000006] }, { errorCode: '4000006' })]);
    assert.equal(form.cause, 'error:4000006');
    assert.equal(form.docPage, '');
    assert.match(form.fix, /4000006/);
  });
});

describe('diagnosis: notices and outcomes', () => {
  test('consent_not_skipped names which facts held', () => {
    const shown = ev('consent_shown', 'ok', {
      skip: false, requested_scopes: ['openid'], skip_reasons: { prompt_consent: false, first_party: false, remembered_consent: false, public_client_untrusted_redirect: false },
    });
    const diagnosis = diagnoseTrace([authorizeOk(), shown, ev('consent_decided', 'ok'), ev('code_issued', 'ok')], NOW);
    assert.equal(diagnosis.outcome, 'ok');
    const [n] = diagnosis.findings;
    assert.equal(n?.level, 'notice');
    assert.equal(n.cause, 'consent_not_skipped');
    assert.equal(valueOf(n, 'first-party (skip_consent or hera.first_party_clients)'), 'no');
    assert.match(n.fix, /--skip-consent/);
    assert.match(n.fix, /hera\.first_party_clients/);
  });

  test('claim_missing: one notice per reason, naming every claim it kept out', () => {
    const decided = ev('consent_decided', 'ok', {
      requested_scopes: ['openid', 'email'], granted_scopes: ['openid'], id_token_claims: ['sub'],
      id_token_claims_omitted: [
        { claim: 'email', reason: 'scope_not_granted' }, { claim: 'name', reason: 'scope_not_requested' }, { claim: 'phone_number', reason: 'trait_absent' },
        { claim: 'nickname', reason: 'not_mapped' }, { claim: 'given_name', reason: 'scope_not_requested' },
      ],
    });
    const notices = diagnoseTrace([decided], NOW).findings;
    assert.deepEqual(notices.map((n) => `${n.cause} ${n.evidence[0]?.value}`), [
      'claim_missing email', 'claim_missing name, given_name', 'claim_missing phone_number', 'claim_missing nickname',
    ]);
    assert.match(notices[1]!.summary, /no name, given_name claims: their scope was not requested/);
    assert.match(notices[1]!.fix, /scope=openid profile/);
    assert.match(notices[3]!.fix, /hera\.claims/);
  });

  test('a failure comes first, notices after it; a chain stopped short is incomplete; a happy chain ok', () => {
    const shown = ev('consent_shown', 'ok', { skip: false, skip_reasons: {} });
    const diagnosis = diagnoseTrace([authorizeOk(), shown, ev('consent_decided', 'refused', {}, { errorCode: 'access_denied' })], NOW);
    assert.deepEqual(diagnosis.findings.map((f) => f.cause), ['error:access_denied', 'consent_not_skipped']);
    assert.equal(diagnoseTrace([authorizeOk()], NOW).outcome, 'incomplete');
    assert.equal(diagnoseTrace([authorizeOk(), ev('login_submitted', 'ok'), ev('code_issued', 'ok'), ev('token_exchange', 'ok')], NOW).outcome, 'ok');
    assert.deepEqual(diagnoseTrace([], NOW), { traceId: '', outcome: 'incomplete', findings: [] });
  });
});

describe('diagnosis: documentation and robustness', () => {
  const docs = new URL('../../../docs/troubleshooting/', import.meta.url);
  for (const [cause, page] of Object.entries(CAUSE_PAGES)) {
    test(`${cause} is explained under "### Cause: ${cause}" in docs/troubleshooting/${page}.md`, () => {
      const text = readFileSync(new URL(`${page}.md`, docs), 'utf8');
      assert.ok(text.split('\n').includes(`### Cause: ${cause}`), `no heading "### Cause: ${cause}" (anchor #${causeAnchor(cause)})`);
    });
  }

  const json = fc.jsonValue({ maxDepth: 3 });
  const evidence = fc.oneof(
    fc.dictionary(fc.constantFrom('skip', 'csrf', 'pkce', 'code_state', 'refresh_state', 'registered_redirect_uris', 'redirect_uri_sent', 'id_token_claims_omitted', 'skip_reasons', 'expires_in_ms', 'client_known', 'aal_required', 'aal_reached', 'message_ids', 'error_hint'), json),
    fc.dictionary(fc.string(), json),
  );
  const event = fc.record({
    schemaVersion: fc.integer(), id: fc.string(), traceId: fc.string(),
    stop: fc.constantFrom(...(Object.keys(TRACE_STOPS) as TraceStop[])),
    time: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    durationMs: fc.integer(), outcome: fc.constantFrom('ok', 'refused', 'error') as fc.Arbitrary<TraceEvent['outcome']>,
    errorCode: fc.option(fc.oneof(fc.string(), fc.constantFrom('invalid_request', 'invalid_client', 'unauthorized_client', 'request_expired', 'request_handled', 'session_aal2_required', 'security_csrf_violation')), { nil: undefined }),
    clientId: fc.option(fc.string(), { nil: undefined }),
    challengeId: fc.option(fc.constantFrom('ch-1', 'ch-2'), { nil: undefined }),
    evidence,
  });

  test('never throws on any chain, and always answers a failure first when a stop failed', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 8 }), fc.integer(), (chain, now) => {
      const diagnosis = diagnoseTrace(chain, now);
      if (chain.some((e) => e.outcome !== 'ok')) assert.equal(diagnosis.findings[0]?.level, 'failure');
      for (const finding of diagnosis.findings) assert.ok(finding.cause.length > 0 && typeof finding.fix === 'string');
    }), { numRuns: 500 });
  });
});
