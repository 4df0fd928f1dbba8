/**
 * GET /admin/oauth2/auth/sessions/consent paged Hydra's way (docs/compatibility.md §1.2): page_size
 * and a sealed page_token, the next page named in the Link header, newest first; and DELETE with
 * consent_request_id revoking one consent session with its tokens. Driven through @ory/client-fetch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { adminApi } from './support/oauth2.ts';
import { createClient } from './support/flow.ts';
import { freshSubject, introspect, signIn, type RegisteredClient, type TokenSet } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const PATH = '/admin/oauth2/auth/sessions/consent';

const nextLink = (link: string | null): string | undefined => /<([^>]+)>; rel="next"/.exec(link ?? '')?.[1];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`consent sessions paging (${kind})`, () => {
    let olympus: TestServer;
    let rp: RegisteredClient;
    const subject = freshSubject('paging');
    /** Five grants of one subject, oldest first, with the tokens each issued. */
    const grants: TokenSet[] = [];

    before(async () => {
      olympus = await startTestServer(kind);
      rp = {
        ...(await createClient(olympus.adminUrl, {
          grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT],
        })),
        redirectUri: REDIRECT,
      };
      const browser = new Browser();
      for (let i = 0; i < 5; i++) grants.push((await signIn(olympus, rp, browser, { subject, remember: true, rememberFor: 3600 })).tokens);
    });
    after(() => olympus?.close());

    /** Follows rel="next" from the first page to the last, as a Hydra SDK user would. */
    const allPages = async (pageSize: number) => {
      const api = adminApi(olympus.adminUrl);
      const pages: { ids: string[]; link: string }[] = [];
      let pageToken: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const res = await api.listOAuth2ConsentSessionsRaw({ subject, pageSize, pageToken });
        const link = res.raw.headers.get('link') ?? '';
        pages.push({ ids: (await res.value()).map((s) => s.consent_request_id!), link });
        const next = nextLink(link);
        if (!next) return pages;
        pageToken = new URL(next, olympus.adminUrl).searchParams.get('page_token') ?? undefined;
      }
      throw new Error('the Link header never stopped naming a next page');
    };

    test('three pages of 2, 2 and 1 following the Link header: newest first, none missing or repeated', async () => {
      const pages = await allPages(2);
      assert.deepEqual(pages.map((p) => p.ids.length), [2, 2, 1]);
      const ids = pages.flatMap((p) => p.ids);
      assert.equal(new Set(ids).size, 5);

      const everything = await adminApi(olympus.adminUrl).listOAuth2ConsentSessions({ subject });
      assert.deepEqual(everything.map((s) => s.consent_request_id), ids, 'the default page size (250) returns the same order in one page');
      const handled = everything.map((s) => new Date(s.handled_at!).getTime());
      assert.deepEqual(handled, [...handled].sort((a, b) => b - a), 'newest first');

      const [first, second, last] = pages.map((p) => p.link);
      const encoded = encodeURIComponent(subject);
      assert.match(first, new RegExp(`^<${PATH}\\?subject=${encoded}&page_size=2>; rel="first", <${PATH}\\?subject=${encoded}&page_size=2&page_token=[^>]+>; rel="next"$`));
      assert.ok(nextLink(second));
      assert.equal(last, `<${PATH}?subject=${encoded}&page_size=2>; rel="first"`, 'no rel="next" on the last page');
    });

    test('page_size outside 1..500, a tampered, foreign or ill-shaped page_token → 400 invalid_request, never 500', async () => {
      for (const size of ['0', '501', 'ten', '-1']) {
        const res = await fetch(`${olympus.adminUrl}${PATH}?subject=${subject}&page_size=${size}`);
        assert.equal(res.status, 400, `page_size=${size}`);
        assert.equal((await res.json()).error, 'invalid_request');
      }
      const res = await fetch(`${olympus.adminUrl}${PATH}?subject=${subject}&page_size=1`);
      const token = new URL(nextLink(res.headers.get('link'))!, olympus.adminUrl).searchParams.get('page_token')!;
      const at = Math.floor(token.length / 2);
      const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      const sealer = olympus.server.ctx.sealer;
      const ofClients = sealer.seal(JSON.stringify({ createdAt: '2025-01-01T00:00:00Z', id: 'x' }), 'page:clients');
      const illShaped = sealer.seal(JSON.stringify({ handledAt: "1 OR 1=1", id: 7 }), 'page:consent-sessions');
      for (const bad of [flipped, token.slice(0, -1), ofClients, illShaped, "' OR 1=1 --"]) {
        const r = await fetch(`${olympus.adminUrl}${PATH}?subject=${subject}&page_size=1&page_token=${encodeURIComponent(bad)}`);
        assert.equal(r.status, 400, bad.slice(0, 40));
        const body = (await r.json()) as { error: string; error_description: string };
        assert.equal(body.error, 'invalid_request');
        assert.match(body.error_description, /page_token/);
      }
      const control = await fetch(`${olympus.adminUrl}${PATH}?subject=${subject}&page_size=1&page_token=${encodeURIComponent(token)}`);
      assert.equal(control.status, 200, 'the untouched token works');
    });

    test('DELETE with consent_request_id revokes that one consent session and its tokens only', async () => {
      const api = adminApi(olympus.adminUrl);
      const listed = await api.listOAuth2ConsentSessions({ subject });
      const oldest = listed[listed.length - 1].consent_request_id!;
      await api.revokeOAuth2ConsentSessions({ subject: freshSubject('someone-else'), consentRequestId: oldest });
      assert.equal((await introspect(olympus.adminUrl, grants[0].access_token)).active, true, "another subject cannot revoke it");

      await api.revokeOAuth2ConsentSessions({ subject, consentRequestId: oldest });
      for (const token of [grants[0].access_token, grants[0].refresh_token!]) assert.deepEqual(await introspect(olympus.adminUrl, token), { active: false });
      for (const other of grants.slice(1)) assert.equal((await introspect(olympus.adminUrl, other.access_token)).active, true);
      const remaining = (await api.listOAuth2ConsentSessions({ subject })).map((s) => s.consent_request_id);
      assert.deepEqual(remaining, listed.slice(0, -1).map((s) => s.consent_request_id));
    });
  });
}
