import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_ROLES, PERMISSIONS, adminRoleOf, can, withAdminRole, type AdminRole, type Permission } from '../src/index.ts';

describe('adminRoleOf', () => {
  test('reads metadata_admin.athena.role', () => {
    for (const role of ADMIN_ROLES) assert.equal(adminRoleOf({ metadata_admin: { athena: { role } } }), role);
  });

  test('anything else is no role: absent, malformed, unknown, wrong case', () => {
    const cases: unknown[] = [
      null, {}, [], 'admin', { athena: null }, { athena: 'admin' }, { athena: ['admin'] }, { athena: {} },
      { athena: { role: 'root' } }, { athena: { role: 'Admin' } }, { athena: { role: ['admin'] } }, { role: 'admin' },
      { athena: { role: 'toString' } }, { athena: { role: '__proto__' } },
    ];
    for (const metadata of cases) {
      assert.equal(adminRoleOf({ metadata_admin: metadata as Record<string, unknown> }), undefined, JSON.stringify(metadata));
    }
  });

  test('other metadata_admin content does not matter', () => {
    assert.equal(adminRoleOf({ metadata_admin: { crm: 42, athena: { role: 'viewer', since: '2026' } } }), 'viewer');
  });
});

describe('withAdminRole', () => {
  test('sets the role and keeps every other key, inside athena too', () => {
    const before = { crm: { id: 7 }, athena: { since: '2026', role: 'viewer' } };
    assert.deepEqual(withAdminRole(before, 'admin'), { crm: { id: 7 }, athena: { since: '2026', role: 'admin' } });
    assert.deepEqual(before, { crm: { id: 7 }, athena: { since: '2026', role: 'viewer' } }, 'the input is not changed');
  });

  test('starts from null or nothing', () => {
    assert.deepEqual(withAdminRole(null, 'support'), { athena: { role: 'support' } });
    assert.deepEqual(withAdminRole(undefined, 'viewer'), { athena: { role: 'viewer' } });
  });

  test('revoking removes the role, and athena once it is empty', () => {
    assert.deepEqual(withAdminRole({ crm: 1, athena: { role: 'admin' } }, undefined), { crm: 1 });
    assert.deepEqual(withAdminRole({ athena: { role: 'admin', since: 'x' } }, undefined), { athena: { since: 'x' } });
    assert.deepEqual(withAdminRole(null, undefined), {});
  });

  test('replaces an athena entry that is not an object', () => {
    assert.deepEqual(withAdminRole({ athena: 'yes' }, 'admin'), { athena: { role: 'admin' } });
  });

  test('round-trips through adminRoleOf', () => {
    for (const role of [...ADMIN_ROLES, undefined]) assert.equal(adminRoleOf({ metadata_admin: withAdminRole({ x: 1 }, role) }), role);
  });
});

describe('can: the permission table', () => {
  const table: Record<AdminRole, Permission[]> = {
    admin: [...PERMISSIONS],
    support: ['identities.read', 'identities.write', 'sessions.write', 'recovery.create', 'requests.read', 'courier.read', 'audit.read'],
    viewer: ['clients.read', 'keys.read', 'identities.read', 'requests.read', 'audit.read'],
  };

  for (const role of ADMIN_ROLES) {
    test(`${role} holds exactly its permissions`, () => {
      assert.deepEqual(PERMISSIONS.filter((permission) => can(role, permission)), table[role]);
    });
  }

  test('support touches no clients and no keys', () => {
    for (const permission of ['clients.read', 'clients.write', 'keys.read', 'keys.write'] as const) assert.equal(can('support', permission), false);
  });

  test('viewer writes nothing and reads no courier messages (they carry codes)', () => {
    assert.deepEqual(PERMISSIONS.filter((p) => can('viewer', p) && !p.endsWith('.read')), []);
    assert.equal(can('viewer', 'courier.read'), false);
  });

  test('no role can do nothing', () => {
    for (const permission of PERMISSIONS) assert.equal(can(undefined, permission), false);
  });
});
