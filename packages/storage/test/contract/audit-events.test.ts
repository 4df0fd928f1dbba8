/** The audit log's store (migration 0008) on both databases: round trip, filters, keyset pages, retention. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newAuditEvent, type AuditAction, type AuditEvent, type AuditTarget } from '@olympus/audit';
import { sqlAuditStore } from '../../src/audit-events.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const LOCAL = { kind: 'local', id: 'local', label: 'local' } as const;

let clock = NOW;
const event = (action: AuditAction, target: AuditTarget, extra: Partial<Parameters<typeof newAuditEvent>[0]> = {}, at = (clock += 1000)): AuditEvent =>
  newAuditEvent({ actor: LOCAL, action, target, ...extra }, at);

forEachDatabase('audit events', ({ db }) => {
  const store = () => sqlAuditStore(db());
  /** Every test works on its own target ids, so earlier tests' rows never match its filters. */
  const client = (): AuditTarget => ({ type: 'client', id: uid('client'), label: 'App' });

  test('an appended event reads back exactly, diff and details included', async () => {
    const target = client();
    const e = event('client.update', target, {
      actor: { kind: 'api_key', id: 'key-0badc0de', label: 'key-0badc0de' },
      before: { client_name: 'old', metadata: { n: 1, tags: ['a'] } },
      after: { client_name: 'née ✓', metadata: { n: 2, tags: ['a', 'b'] } },
      details: { reason: 'rename' },
      requestId: 'req-1',
    });
    await store().append(e);
    const { events, next } = await store().list({ targetId: target.id, limit: 10 });
    assert.deepEqual(events, [e]);
    assert.equal(next, undefined);
  });

  test('optional fields stay absent', async () => {
    const target = { type: 'identity', id: uid('identity') } as const;
    const e = event('identity.delete', target);
    await store().append(e);
    const [read] = (await store().list({ targetId: target.id, limit: 10 })).events;
    assert.deepEqual(read, e);
    assert.ok(!('details' in read!) && !('requestId' in read!) && !('label' in read!.target));
  });

  test('newest first, in keyset pages that neither skip nor repeat, also within one millisecond', async () => {
    const target = client();
    const at = (clock += 10_000);
    const events = [event('client.create', target, {}, at - 5000), event('client.update', target, {}, at), event('client.update', target, {}, at), event('client.delete', target, {}, at + 1)];
    for (const e of events) await store().append(e);
    const seen: string[] = [];
    let page = await store().list({ targetId: target.id, limit: 3 });
    seen.push(...page.events.map((e) => e.id));
    assert.ok(page.next);
    page = await store().list({ targetId: target.id, limit: 3, before: page.next });
    seen.push(...page.events.map((e) => e.id));
    assert.equal(page.next, undefined);
    assert.deepEqual(seen, [events[3]!.id, events[2]!.id, events[1]!.id, events[0]!.id], 'same millisecond: the later insert first');
  });

  test('filters: actor, target type, and an action or its family', async () => {
    const target = client();
    const actor = { kind: 'api_key', id: uid('key'), label: 'ci' } as const;
    const [create, rotate, retire, other] = [
      event('client.create', target, { actor }),
      event('client.secret.rotate', target, { actor }),
      event('client.secret.retire', target, { actor }),
      event('client.update', target),
    ];
    for (const e of [create, rotate, retire, other]) await store().append(e);
    const ids = async (query: Parameters<ReturnType<typeof store>['list']>[0]) => (await store().list(query)).events.map((e) => e.id);
    assert.deepEqual(await ids({ actor: actor.id, limit: 10 }), [retire.id, rotate.id, create.id]);
    assert.deepEqual(await ids({ targetId: target.id, action: 'client.secret', limit: 10 }), [retire.id, rotate.id]);
    assert.deepEqual(await ids({ targetId: target.id, action: 'client.secret.rotate', limit: 10 }), [rotate.id]);
    assert.deepEqual(await ids({ targetId: target.id, action: 'client', limit: 10 }), [other.id, retire.id, rotate.id, create.id]);
    assert.deepEqual(await ids({ targetId: target.id, action: 'client.secre', limit: 10 }), [], 'a prefix matches whole words only');
    assert.deepEqual(await ids({ targetId: target.id, targetType: 'identity', limit: 10 }), []);
    assert.deepEqual(await ids({ actor: actor.id, targetType: 'client', action: 'client.create', limit: 10 }), [create.id]);
  });

  test('filter values are bound, never spliced into SQL', async () => {
    const hostile = "x' OR '1'='1";
    assert.deepEqual((await store().list({ actor: hostile, targetId: hostile, action: hostile, limit: 10 })).events, []);
  });

  test('retention deletes only older events, up to the limit, in batches', async () => {
    const base = (clock += 1_000_000);
    const target = client();
    const old = [0, 1, 2, 3, 4].map((i) => event('client.update', target, {}, base + i));
    const young = event('client.update', target, {}, base + 100);
    for (const e of [...old, young]) await store().append(e);
    const globalOlder = await store().deleteOlderThan(base, 100_000);
    assert.ok(globalOlder >= 0, 'events of earlier tests go first');
    assert.equal(await store().deleteOlderThan(base + 100, 3, 2), 3);
    assert.equal(await store().deleteOlderThan(base + 100, 10, 2), 2);
    assert.deepEqual((await store().list({ targetId: target.id, limit: 10 })).events.map((e) => e.id), [young.id]);
    assert.equal(await store().deleteOlderThan(base + 100, 0), 0);
  });
});
