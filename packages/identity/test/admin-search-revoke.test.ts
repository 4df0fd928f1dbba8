/**
 * The admin's identity search filter (readFieldFilter) and its session revocations
 * (revokeSessionAsAdmin, revokeIdentitySessionsAsAdmin), shared by the admin API and Athena.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { BadRequest, FlowNotFound, identityServiceFor, issueSession, readFieldFilter, revokeIdentitySessionsAsAdmin, revokeSessionAsAdmin } from '../src/index.ts';
import { newIdentity } from './password-fakes.ts';
import { harness } from './sessions-fakes.ts';

describe('readFieldFilter', () => {
  test('a dotted path under traits or metadata, exact unless told', () => {
    assert.deepEqual(readFieldFilter('traits.name.first', 'Ann'), { path: ['traits', 'name', 'first'], value: 'Ann', match: 'exact' });
    assert.deepEqual(readFieldFilter(' metadata_admin.team ', 'ops', 'prefix'), { path: ['metadata_admin', 'team'], value: 'ops', match: 'prefix' });
    assert.deepEqual(readFieldFilter('metadata_public.plan-v2', 'gold').path, ['metadata_public', 'plan-v2']);
  });

  test('anything else is a 400 that says what is allowed', () => {
    for (const field of ['email', 'traits', 'credentials.password', 'traits.', 'traits..email', 'traits.e"mail', 'traits.a b', `traits.${'a.'.repeat(8)}z`]) {
      assert.throws(() => readFieldFilter(field, 'x'), (err: unknown) => err instanceof BadRequest && /traits|keys/.test(err.reason), field);
    }
    assert.throws(() => readFieldFilter('traits.email', ''), (err: unknown) => err instanceof BadRequest && /empty/.test(err.reason));
  });

  test('the identity service passes it to storage', async () => {
    const h = harness();
    const service = identityServiceFor(h.ctx);
    const ann = await service.create({ traits: { email: 'ann@example.com', name: { first: 'Ann' } } });
    await service.create({ traits: { email: 'bob@example.com', name: { first: 'Bob' } } });
    const page = await service.list({ pageSize: 10, field: readFieldFilter('traits.name.first', 'An', 'prefix') });
    assert.deepEqual(page.identities.map((i) => i.id), [ann.id]);
  });
});

describe('the admin revokes sessions', () => {
  const device = { ipAddress: '198.51.100.7', userAgent: 'test-agent/1.0' };
  const methods = [{ method: 'password' as const, aal: 'aal1' as const, completed_at: '2030-01-01T00:00:00.000Z' }];

  test('one session: answered as it was, then inactive; an unknown one is a 404', async () => {
    const h = harness();
    const ada = newIdentity('ada@example.com');
    await h.identities.createIdentity(ada);
    const { session } = await issueSession(h.ctx, ada, methods, device);
    const before = await revokeSessionAsAdmin(h.ctx, session.id);
    assert.equal(before.active, true);
    assert.equal((await h.sessions.getSession(session.id))?.active, false);
    assert.equal((await revokeSessionAsAdmin(h.ctx, session.id)).active, false, 'ending an ended session is a success');
    await assert.rejects(revokeSessionAsAdmin(h.ctx, randomUUID()), FlowNotFound);
  });

  test('every session of an identity, counted; an unknown identity is a 404', async () => {
    const h = harness();
    const [ada, bea] = [newIdentity('ada2@example.com'), newIdentity('bea@example.com')];
    for (const one of [ada, bea]) await h.identities.createIdentity(one);
    for (const one of [ada, ada, bea]) await issueSession(h.ctx, one, methods, device);
    assert.equal(await revokeIdentitySessionsAsAdmin(h.ctx, ada.id), 2);
    assert.equal(await revokeIdentitySessionsAsAdmin(h.ctx, ada.id), 0);
    assert.equal((await h.sessions.listSessionsOfIdentity(bea.id, { activeOnly: true, limit: 10 })).length, 1, 'other identities keep theirs');
    await assert.rejects(revokeIdentitySessionsAsAdmin(h.ctx, randomUUID()), FlowNotFound);
    await assert.rejects(revokeIdentitySessionsAsAdmin(h.ctx, 'not-a-uuid'), FlowNotFound);
  });
});
