/** Client secret rotation with a window (clients/rotation.ts, docs/security.md AS-47), on an injected clock. */
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedHasher } from '@olympus/crypto';
import { InvalidRequest } from '../src/errors.ts';
import type { ClientStore } from '../src/ports.ts';
import { memoryOAuth2Storage } from './memory-stores.ts';
import { ClientService } from '../src/clients/service.ts';
import { readRotationBody } from '../src/clients/rotation-body.ts';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const web = { redirect_uris: ['https://app.example/cb'] };
let clock = T0;
let store: ClientStore;
let service: ClientService;

beforeEach(async () => {
  clock = T0;
  store = (await memoryOAuth2Storage()).clients;
  service = new ClientService({ store, hasher: new KeyedHasher(['system-secret-one-0123456789abcdef']), dev: false, now: () => clock });
});

const accepts = async (id: string, secret: string): Promise<boolean> => service.verifySecret((await service.get(id))!, secret);

const refused = async (promise: Promise<unknown>, pattern: RegExp): Promise<void> => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InvalidRequest, String(err));
    assert.match(err.description, pattern);
    return true;
  });
};

describe('a rotation window', () => {
  test('the old secret works inside the window and is refused after it; the new one works throughout (AS-47)', async () => {
    const { client } = await service.create(web);
    const old = client.client_secret!;
    const fresh = (await service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR })).client.client_secret!;
    clock = T0 + HOUR - 1;
    assert.equal(await accepts(client.client_id, old), true, 'inside the window');
    assert.equal(await accepts(client.client_id, fresh), true);
    clock = T0 + HOUR;
    assert.equal(await accepts(client.client_id, old), false, 'the window has closed');
    assert.equal(await accepts(client.client_id, fresh), true);
  });

  test('an absolute end works the same; retiring now refuses the old secret at once', async () => {
    const { client } = await service.create(web);
    const old = client.client_secret!;
    const fresh = (await service.rotateSecret(client.client_id, { rotatedSecretsExpireAt: T0 + 10 * HOUR })).client.client_secret!;
    assert.equal(await accepts(client.client_id, old), true);
    await service.deleteRotatedSecrets(client.client_id);
    assert.equal(await accepts(client.client_id, old), false);
    assert.equal(await accepts(client.client_id, fresh), true);
    assert.deepEqual(await service.secrets(client.client_id), { clientId: client.client_id, hasSecret: true, rotated: [] });
  });

  test('without a window the old secret stays until retired, as before', async () => {
    const { client } = await service.create(web);
    await service.rotateSecret(client.client_id);
    clock = T0 + 1000 * 24 * HOUR;
    assert.equal(await accepts(client.client_id, client.client_secret!), true);
    assert.equal((await service.get(client.client_id))!.rotatedSecretsExpireAt, undefined, 'nothing stored for no window');
  });

  test('a later rotation never extends a running window, and may shorten it', async () => {
    const { client } = await service.create(web);
    const first = client.client_secret!;
    const second = (await service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR })).client.client_secret!;
    await service.rotateSecret(client.client_id, { rotatedSecretsTtl: 5 * HOUR });
    assert.deepEqual((await service.secrets(client.client_id)).rotated, [{ expiresAt: T0 + 5 * HOUR }, { expiresAt: T0 + HOUR }]);
    await service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR / 2 });
    assert.deepEqual((await service.secrets(client.client_id)).rotated.map((r) => r.expiresAt), [T0 + HOUR / 2, T0 + HOUR / 2, T0 + HOUR / 2]);
    clock = T0 + HOUR / 2;
    assert.equal(await accepts(client.client_id, first), false);
    assert.equal(await accepts(client.client_id, second), false);
  });

  test('an open-ended rotated secret gets the window of a later rotation', async () => {
    const { client } = await service.create(web);
    await service.rotateSecret(client.client_id);
    await service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR });
    assert.deepEqual((await service.secrets(client.client_id)).rotated, [{ expiresAt: T0 + HOUR }, { expiresAt: T0 + HOUR }]);
  });

  test('expired rotated secrets give up their place among the five', async () => {
    const { client } = await service.create(web);
    const secrets = [client.client_secret!];
    for (let i = 0; i < 4; i++) secrets.push((await service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR })).client.client_secret!);
    clock = T0 + 2 * HOUR;
    const next = (await service.rotateSecret(client.client_id)).client.client_secret!;
    const stored = (await service.get(client.client_id))!;
    assert.equal(stored.secretHashes.length, 2, 'the new secret and the one it replaced');
    assert.equal(service.verifySecret(stored, secrets[4]!), true);
    assert.equal(service.verifySecret(stored, next), true);
    assert.deepEqual((await service.secrets(client.client_id)).rotated, [{ expiresAt: null }]);
  });

  test('a PUT that keeps the secret keeps the windows; one that sets a secret clears them', async () => {
    const { client } = await service.create({ ...web, client_id: 'app' });
    await service.rotateSecret('app', { rotatedSecretsTtl: HOUR });
    await service.patch('app', [{ op: 'replace', path: '/client_name', value: 'App' }]);
    assert.deepEqual((await service.secrets('app')).rotated, [{ expiresAt: T0 + HOUR }]);
    await service.patch('app', [{ op: 'add', path: '/client_secret', value: 'a-brand-new-secret' }]);
    assert.deepEqual(await service.secrets('app'), { clientId: 'app', hasSecret: true, rotated: [] });
    assert.equal((await service.get('app'))!.rotatedSecretsExpireAt, undefined);
    assert.equal(await accepts('app', client.client_secret!), false);
  });

  test('a stored client of before windows (no rotatedSecretsExpireAt) reads as open-ended', async () => {
    const { client } = await service.create({ ...web, client_id: 'legacy' });
    await service.rotateSecret('legacy');
    const stored = (await service.get('legacy'))!;
    assert.equal('rotatedSecretsExpireAt' in stored, false);
    assert.deepEqual((await service.secrets('legacy')).rotated, [{ expiresAt: null }]);
    assert.equal(service.verifySecret(stored, client.client_secret!), true);
  });

  test('a window must end in the future and be given one way', async () => {
    const { client } = await service.create(web);
    await refused(service.rotateSecret(client.client_id, { rotatedSecretsExpireAt: T0 }), /must be in the future.*DELETE/);
    await refused(service.rotateSecret(client.client_id, { rotatedSecretsTtl: 0 }), /longer than zero/);
    await refused(service.rotateSecret(client.client_id, { rotatedSecretsTtl: HOUR, rotatedSecretsExpireAt: T0 + HOUR }), /not both/);
    assert.equal(await accepts(client.client_id, client.client_secret!), true, 'a refused rotation changes nothing');
    assert.deepEqual((await service.secrets(client.client_id)).rotated, []);
  });

  test('a client without a secret says so', async () => {
    const pub = await service.create({ ...web, token_endpoint_auth_method: 'none' });
    assert.deepEqual(await service.secrets(pub.client.client_id), { clientId: pub.client.client_id, hasSecret: false, rotated: [] });
  });
});

describe('the rotate body', () => {
  test('no body, an RFC 3339 end or a duration', () => {
    assert.deepEqual(readRotationBody(undefined), {});
    assert.deepEqual(readRotationBody(null), {});
    assert.deepEqual(readRotationBody({}), {});
    assert.deepEqual(readRotationBody({ rotated_secrets_expire_at: '2026-01-01T02:00:00+01:00' }), { rotatedSecretsExpireAt: T0 + HOUR });
    assert.deepEqual(readRotationBody({ rotated_secrets_ttl: '1h30m' }), { rotatedSecretsTtl: 1.5 * HOUR });
  });

  test('anything else is refused, naming the fix', () => {
    const cases: [unknown, RegExp][] = [
      [[], /JSON object/],
      ['1h', /JSON object/],
      [{ rotated_secrets_expire_at: '2026-01-01' }, /not an RFC 3339 date-time/],
      [{ rotated_secrets_expire_at: 1767225600 }, /not an RFC 3339 date-time/],
      [{ rotated_secrets_expire_at: '2026-13-01T00:00:00Z' }, /not an RFC 3339 date-time/],
      [{ rotated_secrets_ttl: '1 hour' }, /not a duration such as "1h"/],
      [{ rotated_secrets_ttl: 3600 }, /not a duration/],
      [{ rotated_secret_ttl: '1h' }, /Field "rotated_secret_ttl" is not known here/],
    ];
    for (const [body, pattern] of cases) {
      assert.throws(() => readRotationBody(body), (err: unknown) => err instanceof InvalidRequest && pattern.test(err.description), JSON.stringify(body));
    }
  });
});
