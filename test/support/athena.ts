/** What the Athena suites share: granting a console role through the admin API, an identity with none. */
import assert from 'node:assert/strict';
import { PASSWORD, freshEmail, selfService } from './self-service.ts';
import type { TestServer } from './server.ts';

/** Finds the identity by its email and sets metadata_admin.athena.role through the JSON admin API. */
export const grantRole = async (olympus: TestServer, email: string, role: 'admin' | 'support' | 'viewer'): Promise<string> => {
  const found = (await (await fetch(`${olympus.adminUrl}/admin/identities?credentials_identifier=${encodeURIComponent(email)}`)).json()) as Array<{ id: string }>;
  assert.equal(found.length, 1, `one identity has ${email}`);
  const res = await fetch(`${olympus.adminUrl}/admin/identities/${found[0].id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ op: 'add', path: '/metadata_admin', value: { athena: { role } } }]),
  });
  assert.equal(res.status, 200, await res.text());
  return found[0].id;
};

/** A fresh identity with a password and no console role. */
export const registerPlainUser = async (olympus: TestServer): Promise<{ email: string; password: string }> => {
  const email = freshEmail();
  await selfService(() => olympus.publicUrl).registerNatively(email);
  return { email, password: PASSWORD };
};
