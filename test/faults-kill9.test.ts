/**
 * kill -9 of a node under mixed load (docs/operations/faults.md): client credentials, refresh-token
 * rotation, native registrations and password logins against a child node, SIGKILL mid-load, restart on
 * the same database. Every request that got a 2xx is durable: each client-credentials token introspects
 * active, each refresh chain's rotated tokens are spent and its newest is active (unless a refresh was in
 * flight at the kill), each session answers whoami, each registered identity exists. On both databases.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { basic, createClient, obtainCode } from './support/flow.ts';
import { freshDsn } from './support/databases.ts';
import { askToken, ccClient, childNode, inBatches, isActive, post } from './support/faults.ts';
import { selfService } from './support/self-service.ts';

const LOAD_MS = 3000;
const REDIRECT_URI = 'http://127.0.0.1:9/cb';

interface Chain {
  /** Refresh and access tokens, oldest first, each from an acknowledged response. */
  refreshTokens: string[];
  accessTokens: string[];
  inFlightAtKill: boolean;
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`kill -9 under load (${kind})`, () => {
    test('every acknowledged write survives', { timeout: 90_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'olympus-kill9-'));
      const dsn = kind === 'sqlite' ? `sqlite://${join(dir, 'olympus.db')}` : await freshDsn('postgres');
      const spec = await childNode(dir, dsn);
      let node = await spec.start();
      try {
        const self = selfService(() => spec.publicUrl);
        const cc = await ccClient(spec.adminUrl);
        const codeClient = await createClient(spec.adminUrl, {
          redirect_uris: [REDIRECT_URI], scope: 'openid offline_access', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
        });
        const codeAuth = basic(codeClient.client_id, codeClient.client_secret!);
        const chains: Chain[] = [];
        for (let i = 0; i < 3; i++) {
          const { code, verifier } = await obtainCode(spec, codeClient.client_id, REDIRECT_URI);
          const first = await post(`${spec.publicUrl}/oauth2/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, { authorization: codeAuth });
          assert.equal(first.status, 200, JSON.stringify(first.body));
          chains.push({ refreshTokens: [first.body.refresh_token], accessTokens: [first.body.access_token], inFlightAtKill: false });
        }

        let killed = false;
        const unexpected: unknown[] = [];
        const ccTokens: string[] = [];
        const identities: string[] = [];
        const sessions: string[] = [];
        const ccWorker = async () => {
          while (!killed) {
            const answer = await askToken(spec.publicUrl, cc);
            if (answer.status === 200) ccTokens.push(answer.body.access_token);
            else if (!killed) unexpected.push(answer);
          }
        };
        const chainWorker = async (chain: Chain) => {
          while (!killed) {
            const answer = await post(`${spec.publicUrl}/oauth2/token`, { grant_type: 'refresh_token', refresh_token: chain.refreshTokens.at(-1)! }, { authorization: codeAuth });
            if (answer.status === 200) {
              chain.refreshTokens.push(answer.body.refresh_token);
              chain.accessTokens.push(answer.body.access_token);
            } else {
              if (killed) chain.inFlightAtKill = true;
              else unexpected.push(answer);
              return;
            }
          }
        };
        const identityWorker = async () => {
          while (!killed) {
            try {
              const { email, done } = await self.registerNatively();
              identities.push(done.identity.id);
              if (done.session_token) sessions.push(done.session_token);
              const login = await self.loginNatively(email);
              if (login.session_token) sessions.push(login.session_token);
            } catch (error) {
              if (!killed) unexpected.push(String(error));
            }
          }
        };
        const load = Promise.all([ccWorker(), ccWorker(), ...chains.map(chainWorker), identityWorker()]);
        await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
        const exited = new Promise((resolve) => node.child.once('exit', resolve));
        node.child.kill('SIGKILL');
        killed = true;
        await exited;
        await load;
        assert.deepEqual(unexpected, [], 'every request before the kill succeeded');

        node = await spec.start();
        const introspect = (tokens: string[]) => inBatches(tokens, 8, (token) => isActive(spec.adminUrl, token));
        const lostTokens = (await introspect(ccTokens)).filter((active) => !active).length;
        let rotated = 0;
        let lostChains = 0;
        for (const chain of chains) {
          const spent = await introspect(chain.refreshTokens.slice(0, -1));
          assert.ok(spent.every((active) => !active), 'every rotated refresh token is spent');
          rotated += spent.length;
          const newest = await introspect([chain.refreshTokens.at(-1)!, chain.accessTokens.at(-1)!]);
          // A refresh in flight at the kill may have committed without its answer reaching the client.
          if (!chain.inFlightAtKill && !newest.every(Boolean)) lostChains += 1;
        }
        const missingIdentities = (await inBatches(identities, 8, async (id) => (await fetch(`${spec.adminUrl}/admin/identities/${id}`)).status)).filter((s) => s !== 200).length;
        const deadSessions = (await inBatches(sessions, 8, async (token) => (await fetch(`${spec.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': token } })).status)).filter((s) => s !== 200).length;

        const acknowledged = ccTokens.length + rotated + chains.length + identities.length + sessions.length;
        process.stderr.write(`# kill -9 (${kind}): acknowledged ${acknowledged} (${ccTokens.length} client-credentials tokens, ${rotated} refresh rotations, ${identities.length} registrations, ${sessions.length} sessions); lost ${lostTokens + lostChains + missingIdentities + deadSessions}\n`);
        assert.ok(ccTokens.length > 0 && rotated > 0 && identities.length > 0, 'the load did some of everything');
        assert.deepEqual({ lostTokens, lostChains, missingIdentities, deadSessions }, { lostTokens: 0, lostChains: 0, missingIdentities: 0, deadSessions: 0 });
      } finally {
        await node.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
