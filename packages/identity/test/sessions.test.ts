import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BadRequest, FlowNotFound, SessionAal2Required, SessionInactive, aalOf, createLogoutUrl, extendSession, findSession, issueSession,
  performBrowserLogout, revokeMySession, sessionWire, whoami,
} from '../src/index.ts';
import { newIdentity } from './password-fakes.ts';
import { harness } from './sessions-fakes.ts';

const DEVICE = { ipAddress: '198.51.100.7', userAgent: 'test-agent/1.0' };
const password = (at = '2030-01-01T00:00:00.000Z') => [{ method: 'password' as const, aal: 'aal1' as const, completed_at: at }];

const signedIn = async (h = harness()) => {
  const identity = newIdentity('ada@example.com');
  await h.identities.createIdentity(identity);
  const issued = await issueSession(h.ctx, identity, password(), DEVICE);
  return { ...h, identity, issued };
};

describe('issuing and finding sessions (ID-8, ID-12)', () => {
  test('a 256-bit token is handed out once; only its keyed hash is stored', async () => {
    const { db, issued } = await signedIn();
    assert.ok(Buffer.from(issued.token, 'base64url').length >= 32);
    const [row] = await db.query<{ tokenHash: string }>('SELECT token_hash AS "tokenHash", * FROM identity_sessions');
    assert.notEqual(row.tokenHash, issued.token);
    assert.equal(JSON.stringify(row).includes(issued.token), false, 'the token itself is nowhere in storage');
  });

  test('the session records the device, the lifespan and the methods', async () => {
    const { ctx, issued, clock } = await signedIn();
    assert.deepEqual(issued.session.devices.map((d) => [d.ip_address, d.user_agent]), [[DEVICE.ipAddress, DEVICE.userAgent]]);
    assert.equal(Date.parse(issued.session.expires_at), clock.now + ctx.config.session.lifespan);
    assert.equal(issued.session.authenticator_assurance_level, 'aal1');
  });

  test('every issue is a new id and a new token', async () => {
    const h = await signedIn();
    const again = await issueSession(h.ctx, h.identity, password(), DEVICE);
    assert.notEqual(again.session.id, h.issued.session.id);
    assert.notEqual(again.token, h.issued.token);
  });

  test('found while live; not after expiry, revocation, or when the identity is disabled', async () => {
    const h = await signedIn();
    assert.equal((await findSession(h.ctx, h.issued.token))?.session.id, h.issued.session.id);
    assert.equal(await findSession(h.ctx, 'unknown-token'), undefined);
    assert.equal(await findSession(h.ctx, undefined), undefined);
    h.clock.now += h.ctx.config.session.lifespan;
    assert.equal(await findSession(h.ctx, h.issued.token), undefined, 'expired at expires_at');
    h.clock.now -= 1000;
    await h.identities.updateIdentity({ ...h.identity, state: 'inactive' });
    assert.equal(await findSession(h.ctx, h.issued.token), undefined, 'a disabled identity has no session');
    await h.identities.updateIdentity(h.identity);
    await h.sessions.revokeSession(h.issued.session.id, h.clock.now);
    assert.equal(await findSession(h.ctx, h.issued.token), undefined);
  });

  test('aal is the highest level of the methods', () => {
    assert.equal(aalOf(password()), 'aal1');
    assert.equal(aalOf([...password(), { method: 'totp', aal: 'aal2', completed_at: '' }]), 'aal2');
  });

  test('the wire session shows the identity without credentials or admin metadata', async () => {
    const { identity, issued } = await signedIn();
    const wire = sessionWire(issued.session, { ...identity, metadata_admin: { secret: 1 }, credentials: { password: { type: 'password', identifiers: ['x'], version: 0, config: { hashed_password: 'h' }, created_at: '', updated_at: '' } } });
    assert.equal('credentials' in wire.identity, false);
    assert.equal('metadata_admin' in wire.identity, false);
    assert.equal('identity_id' in wire, false);
  });
});

describe('whoami', () => {
  test('401 session_inactive without a live session', async () => {
    const { ctx } = harness();
    await assert.rejects(whoami(ctx, undefined), SessionInactive);
  });

  test('highest_available: an aal1 session of an identity with TOTP is 403 with a step-up URL', async () => {
    const h = await signedIn(harness((c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } })));
    assert.equal((await whoami(h.ctx, h.issued.token)).identity.id, h.identity.id);
    const now = '2030-01-01T00:00:00.000Z';
    await h.identities.updateIdentity({ ...h.identity, credentials: { totp: { type: 'totp', identifiers: [h.identity.id], version: 0, config: {}, created_at: now, updated_at: now } } });
    await assert.rejects(whoami(h.ctx, h.issued.token), (err) => {
      assert.ok(err instanceof SessionAal2Required);
      assert.match(String(err.extra.redirect_browser_to), /\/self-service\/login\/browser\?aal=aal2$/);
      return true;
    });
    const stepped = await issueSession(h.ctx, h.identity, [...password(), { method: 'totp', aal: 'aal2', completed_at: now }], DEVICE);
    assert.equal((await whoami(h.ctx, stepped.token)).session.authenticator_assurance_level, 'aal2');
  });

  test('aal1 (the default) accepts the aal1 session whatever the identity has', async () => {
    const h = await signedIn();
    await h.identities.updateIdentity({ ...h.identity, credentials: { lookup_secret: { type: 'lookup_secret', identifiers: [], version: 0, config: {}, created_at: '', updated_at: '' } } });
    assert.equal((await whoami(h.ctx, h.issued.token)).session.id, h.issued.session.id);
  });
});

describe('managing sessions', () => {
  test('my sessions: the current one is not revoked here; another identity\'s is unknown', async () => {
    const h = await signedIn();
    const current = (await findSession(h.ctx, h.issued.token))!;
    await assert.rejects(revokeMySession(h.ctx, current, h.issued.session.id), BadRequest);
    const stranger = newIdentity('eve@example.com');
    await h.identities.createIdentity(stranger);
    const theirs = await issueSession(h.ctx, stranger, password(), DEVICE);
    await assert.rejects(revokeMySession(h.ctx, current, theirs.session.id), FlowNotFound);
    assert.ok(await findSession(h.ctx, theirs.token));
  });

  test('extend gives a full lifespan from now; an ended session cannot be extended', async () => {
    const h = await signedIn();
    h.clock.now += 60_000;
    const extended = await extendSession(h.ctx, h.issued.session.id);
    assert.equal(Date.parse(extended.expires_at), h.clock.now + h.ctx.config.session.lifespan);
    await h.sessions.revokeSession(h.issued.session.id, h.clock.now);
    await assert.rejects(extendSession(h.ctx, h.issued.session.id), FlowNotFound);
  });

  test('logout tokens are sealed: a forged one is refused, a real one ends the session', async () => {
    const h = await signedIn();
    const current = (await findSession(h.ctx, h.issued.token))!;
    const { logout_token: token, logout_url: url } = createLogoutUrl(h.ctx, current, '/bye');
    assert.equal(new URL(url).searchParams.get('return_to'), 'http://127.0.0.1:4444/bye');
    await assert.rejects(performBrowserLogout(h.ctx, `${token}x`, undefined), BadRequest);
    assert.equal(await performBrowserLogout(h.ctx, token, undefined), h.ctx.config.selfservice.defaultBrowserReturnUrl);
    assert.equal(await findSession(h.ctx, h.issued.token), undefined);
  });
});
