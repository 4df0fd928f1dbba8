import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SENDS, newCourierMessage, type CourierMessage } from '@olympus/identity';
import { migrate, openDatabase } from '@olympus/storage';
import { sqlCourierStore } from '../../src/identity/courier.ts';
import { freshDsn } from '../../../../test/support/databases.ts';
import { NOW } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const LEASE = 60_000;
/** Claims everything still claimable and parks it far in the future, so each test starts from an empty queue. */
const FAR = 4_000_000_000_000;

let clock = NOW;
const message = (recipient = 'ada@example.com', code = '123456'): CourierMessage => {
  clock += 1000;
  return newCourierMessage({ recipient, templateType: 'recovery_code_valid', context: { code, expiresInMinutes: 15 } }, clock);
};

forEachDatabase('courier messages', ({ db, kind }) => {
  const store = () => sqlCourierStore(db());
  const drain = () => store().claim(100_000, FAR, FAR);

  test('an enqueued message reads back unchanged; an unknown id finds nothing', async () => {
    const m = message();
    await store().enqueue(m);
    assert.deepEqual(await store().get(m.id), m);
    assert.equal(m.status, 'queued');
    assert.match(m.body, /^123456$/m);
    assert.equal(await store().get('00000000-0000-4000-8000-000000000000'), undefined);
  });

  test('claim moves due messages to processing, oldest first, and never hands one out twice', async () => {
    await drain();
    const [a, b, c] = [message(), message(), message()];
    for (const m of [c, a, b]) await store().enqueue(m);
    const now = clock + 1;
    const first = await store().claim(2, now, LEASE);
    assert.deepEqual(first.map((m) => m.id), [a.id, b.id]);
    assert.ok(first.every((m) => m.status === 'processing' && m.updated_at === new Date(now).toISOString()));
    assert.deepEqual((await store().claim(10, now, LEASE)).map((m) => m.id), [c.id]);
    assert.deepEqual(await store().claim(10, now + LEASE - 1, LEASE), [], 'claimed messages are not handed out again');
    assert.equal((await store().get(a.id))?.status, 'processing');
  });

  test('a claim whose lease ran out (a worker died) is handed out again', async () => {
    await drain();
    const m = message();
    await store().enqueue(m);
    assert.deepEqual((await store().claim(10, clock, LEASE)).map((x) => x.id), [m.id]);
    assert.deepEqual((await store().claim(10, clock + LEASE, LEASE)).map((x) => x.id), [m.id]);
  });

  test('markSent records one successful dispatch and only applies to a claimed message', async () => {
    await drain();
    const m = message();
    await store().enqueue(m);
    assert.equal(await store().markSent(m.id, clock), false, 'a queued message was not claimed');
    await store().claim(10, clock, LEASE);
    assert.equal(await store().markSent(m.id, clock + 5), true);
    const sent = await store().get(m.id);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.send_count, 1);
    assert.deepEqual(sent?.dispatches.map((d) => [d.status, d.message_id, d.error, d.created_at]), [
      ['success', m.id, undefined, new Date(clock + 5).toISOString()],
    ]);
    assert.equal(await store().markSent(m.id, clock + 6), false);
    assert.equal(await store().markFailed(m.id, { error: 'x', now: clock + 6, retryAt: clock + 7, maxSends: MAX_SENDS }), undefined);
    assert.equal((await store().get(m.id))?.send_count, 1);
  });

  test(`failed sends are retried after their delay, then abandoned at the ${MAX_SENDS}th failure`, async () => {
    await drain();
    const m = message();
    await store().enqueue(m);
    let now = clock;
    for (let attempt = 1; attempt <= MAX_SENDS; attempt++) {
      assert.deepEqual((await store().claim(10, now, LEASE)).map((x) => x.id), [m.id], `claim before send ${attempt}`);
      const status = await store().markFailed(m.id, { error: `550 mailbox busy (${attempt})`, now: now + 1, retryAt: now + 1000, maxSends: MAX_SENDS });
      assert.equal(status, attempt < MAX_SENDS ? 'queued' : 'abandoned');
      if (attempt < MAX_SENDS) assert.deepEqual(await store().claim(10, now + 999, LEASE), [], 'not due before retryAt');
      now += 1000;
    }
    const abandoned = await store().get(m.id);
    assert.equal(abandoned?.status, 'abandoned');
    assert.equal(abandoned?.send_count, MAX_SENDS);
    assert.deepEqual(abandoned?.dispatches.map((d) => [d.status, d.error?.message]),
      Array.from({ length: MAX_SENDS }, (_, i) => ['failed', `550 mailbox busy (${i + 1})`]));
    assert.deepEqual(await store().claim(10, now + LEASE * 10, LEASE), [], 'abandoned messages are never claimed');
  });

  test('list filters by status and recipient and pages newest first without gaps or repeats', async () => {
    const recipient = `pager-${kind}-${clock}@example.com`;
    const mine = Array.from({ length: 5 }, () => message(recipient));
    for (const m of mine) await store().enqueue(m);
    await store().enqueue(message('someone-else@example.com'));
    const seen: string[] = [];
    let after;
    do {
      const page = await store().list({ limit: 2, recipient, after });
      assert.ok(page.messages.length <= 2);
      seen.push(...page.messages.map((m) => m.id));
      after = page.next;
    } while (after !== undefined);
    assert.deepEqual(seen, mine.map((m) => m.id).reverse());

    await drain();
    await store().markSent(mine[0]!.id, clock);
    const sent = await store().list({ limit: 10, recipient, status: 'sent' });
    assert.deepEqual(sent.messages.map((m) => [m.id, m.status, m.dispatches.length]), [[mine[0]!.id, 'sent', 1]]);
    assert.equal(sent.next, undefined);
    assert.deepEqual((await store().list({ limit: 10, recipient, status: 'queued' })).messages, []);
  });

  test('10 concurrent claimers on their own connections claim each of 20 messages exactly once', async () => {
    const dsn = await freshDsn(kind);
    const setup = await openDatabase(dsn);
    await migrate(setup, 'up');
    const messages = Array.from({ length: 20 }, () => message());
    for (const m of messages) await sqlCourierStore(setup).enqueue(m);
    const connections = await Promise.all(Array.from({ length: 10 }, () => openDatabase(dsn)));
    try {
      const claimAll = async (conn: typeof setup): Promise<string[]> => {
        const ids: string[] = [];
        for (;;) {
          const batch = await sqlCourierStore(conn).claim(3, clock, LEASE);
          if (batch.length === 0) return ids;
          ids.push(...batch.map((m) => m.id));
        }
      };
      const claimed = (await Promise.all(connections.map(claimAll))).flat();
      assert.equal(claimed.length, 20, 'no message claimed twice');
      assert.deepEqual(new Set(claimed), new Set(messages.map((m) => m.id)));
    } finally {
      await Promise.all([...connections, setup].map((conn) => conn.close()));
    }
  });
});
