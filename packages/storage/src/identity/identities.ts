import type { CredentialType, Identity, IdentityPage, IdentityStore, IdentityWrite } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';
import { fieldFilterSql } from './field-filter.ts';

/** Thrown inside a transaction to roll it back when an identifier belongs to another identity. */
class DuplicateIdentifier extends Error {
  readonly type: CredentialType;
  readonly identifier: string;
  constructor(type: CredentialType, identifier: string) {
    super(`duplicate ${type} identifier`);
    this.type = type;
    this.identifier = identifier;
  }
}

const identifiersOf = (identity: Identity): Array<[CredentialType, string]> =>
  Object.values(identity.credentials).flatMap((credential) =>
    credential === undefined ? [] : [...new Set(credential.identifiers)].map((id): [CredentialType, string] => [credential.type, id]),
  );

/**
 * Claims every identifier of `identity` for it. ON CONFLICT DO NOTHING makes a concurrent claim of
 * the same (type, identifier) wait for the other transaction and then lose, on both databases.
 */
const claimIdentifiers = async (tx: Db, identity: Identity): Promise<void> => {
  for (const [type, identifier] of identifiersOf(identity)) {
    const claimed = await tx.execute(
      `INSERT INTO identity_credential_identifiers (type, identifier, identity_id) VALUES (?, ?, ?)
       ON CONFLICT (type, identifier) DO NOTHING`,
      [type, identifier, identity.id],
    );
    if (claimed !== 1) throw new DuplicateIdentifier(type, identifier);
  }
};

/** The identity holding a credential identifier; also run by a login's reservation (protection-reservations.ts). */
export const FIND_BY_CREDENTIAL = `SELECT i.data FROM identity_credential_identifiers c JOIN identities i ON i.id = c.identity_id
       WHERE c.type = ? AND c.identifier = ?`;

const columnsOf = (identity: Identity): SqlValue[] => [
  identity.schema_id, identity.state, identity.external_id === '' ? null : identity.external_id, Date.parse(identity.created_at),
];

/** Runs a write, turning a lost identifier claim into the port's `duplicate_identifier` answer. */
const guarded = async (write: () => Promise<IdentityWrite>): Promise<IdentityWrite> => {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateIdentifier) return { status: 'duplicate_identifier', type: err.type, identifier: err.identifier };
    throw err;
  }
};

/**
 * Identities (migration 0003): the identity as JSON plus one row per credential identifier, written
 * together in one transaction so an identity never exists with an unclaimed identifier.
 */
export const sqlIdentityStore = (db: Db): IdentityStore => ({
  createIdentity(identity) {
    return guarded(() =>
      db.transaction(async (tx) => {
        await tx.execute('INSERT INTO identities (schema_id, state, external_id, created_at, id, data) VALUES (?, ?, ?, ?, ?, ?)', [
          ...columnsOf(identity), identity.id, identity,
        ]);
        await claimIdentifiers(tx, identity);
        return { status: 'ok' };
      }),
    );
  },

  async getIdentity(id) {
    const rows = await db.query<{ data: Identity }>('SELECT data FROM identities WHERE id = ?', [id]);
    return rows[0]?.data;
  },

  async findByCredentialIdentifier(type, identifier) {
    const rows = await db.query<{ data: Identity }>(FIND_BY_CREDENTIAL, [type, identifier]);
    return rows[0]?.data;
  },

  updateIdentity(identity) {
    return guarded(() =>
      db.transaction(async (tx) => {
        const changed = await tx.execute('UPDATE identities SET schema_id = ?, state = ?, external_id = ?, created_at = ?, data = ? WHERE id = ?', [
          ...columnsOf(identity), identity, identity.id,
        ]);
        if (changed !== 1) return { status: 'not_found' };
        await tx.execute('DELETE FROM identity_credential_identifiers WHERE identity_id = ?', [identity.id]);
        await claimIdentifiers(tx, identity);
        return { status: 'ok' };
      }),
    );
  },

  /** Deletes the identity, its identifiers and its sessions (migration 0004), so no session outlives it. */
  deleteIdentity(id) {
    return db.transaction(async (tx) => {
      await tx.execute('DELETE FROM identity_credential_identifiers WHERE identity_id = ?', [id]);
      await tx.execute('DELETE FROM identity_sessions WHERE identity_id = ?', [id]);
      return (await tx.execute('DELETE FROM identities WHERE id = ?', [id])) === 1;
    });
  },

  async listIdentities(page: IdentityPage) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (page.after !== undefined) {
      where.push('id > ?');
      params.push(page.after);
    }
    if (page.credentialsIdentifier !== undefined) {
      where.push('id IN (SELECT identity_id FROM identity_credential_identifiers WHERE identifier = ?)');
      params.push(page.credentialsIdentifier);
    }
    if (page.ids !== undefined) {
      if (page.ids.length === 0) return [];
      where.push(`id IN (${page.ids.map(() => '?').join(', ')})`);
      params.push(...page.ids);
    }
    if (page.field !== undefined) {
      const field = fieldFilterSql(db.dialect, page.field);
      where.push(field.sql);
      params.push(...field.params);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await db.query<{ data: Identity }>(`SELECT data FROM identities ${filter} ORDER BY id LIMIT ?`, [...params, page.limit]);
    return rows.map((row) => row.data);
  },

  async countIdentities() {
    const rows = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM identities');
    return Number(rows[0]?.n ?? 0);
  },
});
