/**
 * Pending login and consent requests on a real server, both databases: an authorization waiting at
 * the login UI, then at the consent UI, is listed by GET /admin/oauth2/auth/requests/pending (an
 * Olympus extension) and by the typed core call Athena makes, with client, subject, scopes and the
 * trace id of its log lines; once handled it is gone. Paging follows the Link header.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listPendingRequests } from '@olympus/oauth2';
import { startTestServer, type TestServer } from './support/server.ts';
import { adminApi } from './support/oauth2.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';

interface PendingWire {
  kind: string;
  challenge: string;
  client: { client_id: string; client_name: string };
  subject?: string;
  requested_scope: string[];
  requested_at: string;
  expires_at: string;
  trace_id: string;
}

const REDIRECT = 'https://app.example/cb';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`pending login and consent requests (${kind})`, () => {
    let olympus: TestServer;
    let clientId: string;
    before(async () => {
      olympus = await startTestServer(kind);
      ({ client_id: clientId } = await createClient(olympus.adminUrl, {
        client_name: 'Pending App', redirect_uris: [REDIRECT], scope: 'openid email', token_endpoint_auth_method: 'none',
      }));
    });
    after(() => olympus?.close());

    const pending = async (query = ''): Promise<{ body: PendingWire[]; link: string; status: number }> => {
      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/pending${query}`);
      return { status: res.status, link: res.headers.get('link') ?? '', body: (await res.json()) as PendingWire[] };
    };
    /** Starts an authorization in a fresh browser; returns the browser and its login challenge. */
    const startAuthorization = async (): Promise<{ browser: Browser; loginChallenge: string }> => {
      const browser = new Browser();
      const start = await browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid email', state: 'state-1234',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      assert.equal(start.status, 302, start.body);
      return { browser, loginChallenge: queryOf(start.location).get('login_challenge')! };
    };

    test('a request waits at login, then at consent, and is gone once handled', async () => {
      const { browser, loginChallenge } = await startAuthorization();
      const atLogin = (await pending()).body.find((r) => r.challenge === loginChallenge);
      assert.ok(atLogin, 'listed while the login UI has it');
      assert.equal(atLogin.kind, 'login');
      assert.deepEqual(atLogin.client, { client_id: clientId, client_name: 'Pending App' });
      assert.equal(atLogin.subject, undefined);
      assert.deepEqual(atLogin.requested_scope, ['openid', 'email']);
      assert.ok(Date.parse(atLogin.expires_at) > Date.parse(atLogin.requested_at));
      assert.ok(olympus.logs.some((line) => line.trace_id === atLogin.trace_id && line.client_id === clientId), 'the trace id is the one the logs carry');

      const api = adminApi(olympus.adminUrl);
      const accepted = await api.acceptOAuth2LoginRequest({ loginChallenge, acceptOAuth2LoginRequest: { subject: 'ada' } });
      const consentChallenge = queryOf((await browser.get(accepted.redirect_to)).location).get('consent_challenge')!;
      const listed = (await pending()).body;
      assert.equal(listed.some((r) => r.challenge === loginChallenge), false, 'the login request was handled');
      const atConsent = listed.find((r) => r.challenge === consentChallenge);
      assert.deepEqual([atConsent?.kind, atConsent?.subject, atConsent?.trace_id], ['consent', 'ada', atLogin.trace_id]);
      assert.deepEqual((await pending('?kind=login')).body.filter((r) => r.trace_id === atLogin.trace_id), []);

      const typed = await listPendingRequests(olympus.server.ctx, { kind: 'consent', pageSize: 10 });
      assert.equal(typed.requests.find((r) => r.challenge === consentChallenge)?.subject, 'ada', 'the typed call Athena makes');

      await api.acceptOAuth2ConsentRequest({ consentChallenge, acceptOAuth2ConsentRequest: { grant_scope: ['openid'] } });
      assert.equal((await pending()).body.some((r) => r.trace_id === atLogin.trace_id), false);
    });

    test('pages newest first through the Link header, with sealed page tokens', async () => {
      const started: string[] = [];
      for (let i = 0; i < 3; i++) started.push((await startAuthorization()).loginChallenge);
      const first = await pending('?kind=login&page_size=2');
      assert.equal(first.status, 200);
      assert.equal(first.body.length, 2);
      const next = /<([^>]+)>;\s*rel="next"/.exec(first.link)?.[1];
      assert.match(next ?? '', /^\/admin\/oauth2\/auth\/requests\/pending\?kind=login&page_size=2&page_token=/);
      const second = await pending(next!.slice('/admin/oauth2/auth/requests/pending'.length));
      // Requests of one millisecond tie; then the flow id decides, so only the time order is certain.
      const seen = [...first.body, ...second.body];
      assert.deepEqual(seen.slice(0, 3).map((r) => r.challenge).sort(), [...started].sort(), 'the three newest, each once');
      const times = seen.map((r) => Date.parse(r.requested_at));
      assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest first across the pages');
    });

    test('a bad kind, page size or page token is a 400 naming it', async () => {
      for (const [query, pattern] of [['?kind=logout', /kind must be login or consent/], ['?page_size=0', /page_size/], ['?page_token=forged', /page_token is invalid/]] as const) {
        const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/pending${query}`);
        assert.equal(res.status, 400, query);
        assert.match(((await res.json()) as { error_description: string }).error_description, pattern);
      }
    });
  });
}
