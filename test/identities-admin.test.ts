/**
 * Identities managed the way developers do: @ory/client-fetch's IdentityApi against the admin origin
 * (both databases), the public /schemas endpoints, and `olympus identities import` as a real process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Configuration, IdentityApi, ResponseError } from '@ory/client-fetch';
import { startTestServer, type TestServer } from './support/server.ts';

const CLI = new URL('../apps/cli/src/main.ts', import.meta.url).pathname;
const BCRYPT = '$2b$10$NBF1ZJhLN9cnXfBJsYjDYOMb7RiNTV/8sRUvl1Z/06gIqSt5YK7n.';

const identityApi = (baseUrl: string): IdentityApi => new IdentityApi(new Configuration({ basePath: baseUrl }));

/** The status and Kratos error envelope of a refused SDK call. */
const refusal = async (call: Promise<unknown>): Promise<{ status: number; error: Record<string, unknown> }> => {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof ResponseError, `expected a ResponseError, got ${String(err)}`);
    const body = (await err.response.json()) as { error: Record<string, unknown> };
    return { status: err.response.status, error: body.error };
  }
  assert.fail('the call succeeded');
};

const nextLink = (link: string | null): string | undefined => /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`identities through @ory/client-fetch (${kind})`, () => {
    let olympus: TestServer;
    let api: IdentityApi;
    before(async () => {
      olympus = await startTestServer(kind);
      api = identityApi(olympus.adminUrl);
    });
    after(() => olympus?.close());

    test('create, get, patch, update, list and delete', async () => {
      const created = await api.createIdentity({
        createIdentityBody: {
          schema_id: 'default',
          traits: { email: 'Ada@Example.com', name: { first: 'Ada' } },
          metadata_public: { plan: 'pro' },
          credentials: { password: { config: { password: 'correct horse battery staple' } } },
        },
      });
      assert.equal(created.schema_id, 'default');
      assert.equal(created.state, 'active');
      assert.equal(created.schema_url, `${olympus.publicUrl}/schemas/ZGVmYXVsdA`);
      assert.deepEqual(created.verifiable_addresses?.map((a) => [a.value, a.verified, a.status]), [['ada@example.com', false, 'pending']]);
      assert.deepEqual(created.recovery_addresses?.map((a) => a.value), ['ada@example.com']);
      assert.deepEqual(created.credentials?.password?.identifiers, ['ada@example.com']);
      assert.equal(created.credentials?.password?.config, undefined, 'no credential config without include_credential');

      const fetched = await api.getIdentity({ id: created.id });
      assert.deepEqual(fetched.traits, { email: 'Ada@Example.com', name: { first: 'Ada' } });
      assert.deepEqual(fetched.metadata_public, { plan: 'pro' });

      const patched = await api.patchIdentity({
        id: created.id,
        jsonPatch: [{ op: 'replace', path: '/traits/email', value: 'ada@new.example.com' }, { op: 'add', path: '/metadata_admin', value: { tier: 1 } }],
      });
      assert.deepEqual(patched.credentials?.password?.identifiers, ['ada@new.example.com']);
      assert.deepEqual(patched.metadata_admin, { tier: 1 });

      const updated = await api.updateIdentity({
        id: created.id,
        updateIdentityBody: { schema_id: 'default', state: 'inactive', traits: { email: 'ada@new.example.com' } },
      });
      assert.equal(updated.state, 'inactive');
      assert.equal(updated.metadata_public ?? null, null, 'PUT replaces metadata (the SDK reads null as undefined)');

      const listed = await api.listIdentities({});
      assert.ok(listed.some((i) => i.id === created.id && i.state === 'inactive'));

      await api.deleteIdentity({ id: created.id });
      const gone = await refusal(api.getIdentity({ id: created.id }));
      assert.equal(gone.status, 404);
      assert.equal(gone.error.id, 'not_found');
    });

    test('a duplicate identifier is 409 conflict naming it, also in another case', async () => {
      await api.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: 'bob@example.com' } } });
      const { status, error } = await refusal(api.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: 'BOB@example.com' } } }));
      assert.equal(status, 409);
      assert.equal(error.id, 'conflict');
      assert.match(String(error.reason), /"bob@example\.com"/);
      assert.equal(typeof error.request, 'string');
    });

    test('invalid traits are 400 with a message id per field', async () => {
      const { status, error } = await refusal(api.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: 'not-an-email', age: 3 } } }));
      assert.equal(status, 400);
      assert.equal(error.id, 'bad_request');
      const messages = (error.details as { messages: Array<{ name: string; id: number }> }).messages;
      assert.deepEqual(messages.map((m) => [m.name, m.id]).sort(), [['traits.age', 4000001], ['traits.email', 4000004]]);
      const unknownSchema = await refusal(api.createIdentity({ createIdentityBody: { schema_id: 'nope', traits: { email: 'c@example.com' } } }));
      assert.equal(unknownSchema.status, 400);
      assert.match(String(unknownSchema.error.reason), /schema_id "nope"/);
    });

    test('include_credential shows only the named credentials, never a password hash', async () => {
      const created = await api.createIdentity({
        createIdentityBody: { schema_id: 'default', traits: { email: 'cy@example.com' }, credentials: { password: { config: { hashed_password: BCRYPT } } } },
      });
      const plain = await api.getIdentity({ id: created.id });
      assert.deepEqual(Object.keys(plain.credentials ?? {}).sort(), ['code', 'password']);
      assert.equal(plain.credentials?.password?.config, undefined);
      const withPassword = await api.getIdentity({ id: created.id, includeCredential: ['password'] });
      assert.deepEqual(Object.keys(withPassword.credentials ?? {}), ['password']);
      assert.deepEqual(withPassword.credentials?.password?.config, {});
      const raw = await (await fetch(`${olympus.adminUrl}/admin/identities/${created.id}?include_credential=password`)).text();
      assert.ok(!raw.includes(BCRYPT.slice(7)), 'the hash never leaves the server');

      await api.deleteIdentityCredentials({ id: created.id, type: 'password' });
      assert.equal((await api.getIdentity({ id: created.id })).credentials?.password, undefined);
    });

    test('list: credentials_identifier filter and keyset pages through the Link header', async () => {
      const tag = `page${Date.now().toString(36)}`;
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push((await api.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: `${tag}-${n}@example.com` } } })).id);
      }
      const found = await api.listIdentities({ credentialsIdentifier: `${tag}-2@EXAMPLE.com` });
      assert.deepEqual(found.map((i) => i.id), [ids[1]]);

      const seen: string[] = [];
      let url: string | undefined = `/admin/identities?page_size=2&ids=${ids.join(',')}`;
      let pages = 0;
      while (url !== undefined) {
        const res: Response = await fetch(new URL(url, olympus.adminUrl));
        assert.equal(res.status, 200);
        seen.push(...((await res.json()) as Array<{ id: string }>).map((i) => i.id));
        assert.match(res.headers.get('link') ?? '', /rel="first"/);
        url = nextLink(res.headers.get('link'));
        pages += 1;
      }
      assert.deepEqual(seen, ids, 'every identity once, oldest first');
      assert.equal(pages, 2);

      const first = await api.listIdentitiesRaw({ pageSize: 1 });
      const token = new URL(nextLink(first.raw.headers.get('link'))!, olympus.adminUrl).searchParams.get('page_token')!;
      assert.equal((await api.listIdentities({ pageSize: 1, pageToken: token })).length, 1);
      const forged = await refusal(api.listIdentities({ pageToken: `${token.slice(0, -2)}xx` }));
      assert.equal(forged.status, 400);
      assert.equal(forged.error.id, 'bad_request');
    });

    test('the public origin serves the identity schemas; an identity schema_url resolves', async () => {
      const pub = identityApi(olympus.publicUrl);
      const schemas = await pub.listIdentitySchemas({});
      assert.deepEqual(schemas.map((s) => s.id), ['default']);
      const created = await api.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: 'dee@example.com' } } });
      const bySchemaUrl = await (await fetch(created.schema_url)).json();
      assert.deepEqual(bySchemaUrl, schemas[0]?.schema);
      assert.equal(((await pub.getIdentitySchema({ id: 'default' })) as { title?: string }).title, 'Person');
      const missing = await refusal(pub.getIdentitySchema({ id: 'nope' }));
      assert.equal(missing.status, 404);
    });
  });
}

describe('olympus identities import', () => {
  let olympus: TestServer;
  let dir: string;
  before(async () => {
    olympus = await startTestServer('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'olympus-import-'));
  });
  after(async () => {
    await olympus?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, ...args, '--endpoint', olympus.adminUrl], (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });

  test('imports every good record, reports the bad one by position and reason, and exits 1', async () => {
    const file = join(dir, 'users.json');
    await writeFile(file, JSON.stringify([
      { schema_id: 'default', traits: { email: 'imp1@example.com' }, credentials: { password: { config: { hashed_password: BCRYPT } } } },
      { schema_id: 'default', traits: { email: 'broken-address' } },
      { schema_id: 'default', traits: { email: 'imp3@example.com' }, verifiable_addresses: [{ value: 'imp3@example.com', via: 'email', verified: true }] },
    ]));
    const result = await cli('identities', 'import', file, '--format', 'json');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /imported 2 of 3 \(3 processed, 1 failed\)/);
    assert.match(result.stderr, /1 of 3 records failed:\n {2}.*users\.json record 2: HTTP 400 bad_request .*traits\.email/);
    const report = JSON.parse(result.stdout) as { imported: Array<{ position: number; id: string }>; failed: Array<{ position: number }> };
    assert.deepEqual(report.imported.map((i) => i.position), [1, 3]);
    assert.deepEqual(report.failed.map((f) => f.position), [2]);

    const listed = await cli('list', 'identities', '--identifier', 'imp3@example.com', '--format', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    const items = (JSON.parse(listed.stdout) as { items: Array<{ id: string; verifiable_addresses: Array<{ verified: boolean }> }> }).items;
    assert.deepEqual(items.map((i) => i.id), [report.imported[1]?.id]);
    assert.equal(items[0]?.verifiable_addresses[0]?.verified, true);

    const shown = await cli('get', 'identity', report.imported[0]!.id);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /imp1@example\.com/);
    const deleted = await cli('identities', 'delete', report.imported[0]!.id, '-q');
    assert.equal(deleted.stdout.trim(), report.imported[0]!.id);
    assert.equal((await cli('get', 'identity', report.imported[0]!.id)).code, 1);
  });

  test('a clean import exits 0 and reads stdin with -', async () => {
    const child = execFile(process.execPath, [CLI, 'identities', 'import', '-', '-q', '--endpoint', olympus.adminUrl]);
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stdin?.end(JSON.stringify({ schema_id: 'default', traits: { email: 'stdin@example.com' } }));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.match(stdout.trim(), /^[0-9a-f-]{36}$/);
  });
});
