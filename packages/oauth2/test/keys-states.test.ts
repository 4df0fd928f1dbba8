/**
 * The rotation states the console shows for a set's keys (keys/states.ts): a new key is `next` while
 * it is published ahead, then `signing`; the key it replaced is `retiring` while it is still
 * published and `retired` after; a public-only key is `verification`. Public parts only.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Sealer } from '@olympus/crypto';
import { KeyRing, listKeySetStatuses, type KeyRingApi, type OAuth2Storage } from '@olympus/oauth2';
import { memoryOAuth2Storage } from './memory-stores.ts';

const MINUTE = 60_000;
const PUBLISH_AHEAD = 10 * MINUTE;
const RETAIN = 30 * MINUTE;
const SET = 'athena.test';

let storage: OAuth2Storage;
let clock: number;
let keys: KeyRingApi;

beforeEach(async () => {
  storage = await memoryOAuth2Storage();
  clock = Date.UTC(2026, 0, 1);
  keys = new KeyRing({ store: storage.keys, sealer: new Sealer(['k'.repeat(32)]), idTokenAlg: 'RS256', publishAhead: PUBLISH_AHEAD, retainAfterRetire: RETAIN, now: () => clock });
});

const states = async (): Promise<Array<[string, string]>> => {
  keys.invalidate();
  const sets = await listKeySetStatuses({ storage, keys, now: () => clock });
  return (sets.find((s) => s.set === SET)?.keys ?? []).map((k) => [String(k.kid), k.state]);
};

test('a rotation: next while published ahead, then signing; the old key retiring, then retired', async () => {
  await keys.createKey(SET, { alg: 'ES256', kid: 'old' });
  assert.deepEqual(await states(), [['old', 'signing']], 'the first key of a set signs at once');
  clock += MINUTE;
  await keys.createKey(SET, { alg: 'ES256', kid: 'new' });
  assert.deepEqual(await states(), [['old', 'signing'], ['new', 'next']]);
  clock += PUBLISH_AHEAD;
  assert.deepEqual(await states(), [['old', 'retiring'], ['new', 'signing']]);
  clock += RETAIN;
  assert.deepEqual(await states(), [['old', 'retired'], ['new', 'signing']]);
});

test('public parts only, and a public-only key is for verification', async () => {
  const created = await keys.createKey(SET, { alg: 'RS256', kid: 'signer' });
  assert.ok('d' in created, 'a set of its own answers its creation with the private key once');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = created as Record<string, unknown>;
  await keys.importKey(SET, 'public-only', { ...pub, kid: 'public-only' });
  const [set] = (await listKeySetStatuses({ storage, keys, now: () => clock })).filter((s) => s.set === SET);
  assert.deepEqual(set.keys.map((k) => [k.kid, k.state]), [['signer', 'signing'], ['public-only', 'verification']]);
  for (const key of set.keys) assert.deepEqual(Object.keys(key.publicJwk).filter((m) => ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].includes(m)), []);
});
