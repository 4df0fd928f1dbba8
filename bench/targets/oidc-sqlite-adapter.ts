/**
 * A durable adapter for oidc-provider (its Adapter interface: upsert, find, findByUid,
 * findByUserCode, consume, destroy, revokeByGrantId) over node:sqlite, with the durability Olympus
 * gives its own SQLite file (packages/storage/src/db/sqlite.ts): WAL and synchronous=NORMAL, so a
 * commit survives a crash of the process but may be lost with the machine's power. One table for
 * every model, prepared statements, one autocommitted statement per call (oidc-provider awaits each).
 */
import { DatabaseSync } from 'node:sqlite';

type Payload = Record<string, unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS oidc (
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  grantId TEXT,
  uid TEXT,
  userCode TEXT,
  expiresAt INTEGER,
  consumedAt INTEGER,
  PRIMARY KEY (id, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS oidc_grant ON oidc (grantId, kind) WHERE grantId IS NOT NULL;
CREATE INDEX IF NOT EXISTS oidc_uid ON oidc (uid, kind) WHERE uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS oidc_user_code ON oidc (userCode, kind) WHERE userCode IS NOT NULL;`;

const LIVE = '(expiresAt IS NULL OR expiresAt > :now)';

const openStatements = (path: string) => {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(SCHEMA);
  const select = (where: string) => db.prepare(`SELECT payload, consumedAt FROM oidc WHERE ${where} AND kind = :kind AND ${LIVE}`);
  return {
    db,
    // A re-saved model keeps its consumption mark, as the in-memory adapter's mutated payload does.
    upsert: db.prepare(`INSERT INTO oidc (id, kind, payload, grantId, uid, userCode, expiresAt)
      VALUES (:id, :kind, :payload, :grantId, :uid, :userCode, :expiresAt)
      ON CONFLICT (id, kind) DO UPDATE SET payload = excluded.payload, grantId = excluded.grantId, uid = excluded.uid,
        userCode = excluded.userCode, expiresAt = excluded.expiresAt`),
    find: select('id = :key'),
    findByUid: select('uid = :key'),
    findByUserCode: select('userCode = :key'),
    consume: db.prepare('UPDATE oidc SET consumedAt = :at WHERE id = :id AND kind = :kind'),
    destroy: db.prepare('DELETE FROM oidc WHERE id = :id AND kind = :kind'),
    revokeByGrantId: db.prepare('DELETE FROM oidc WHERE grantId = :grantId AND kind = :kind'),
  };
};

const epochSeconds = (): number => Math.floor(Date.now() / 1000);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The adapter class oidc-provider's `adapter` setting takes: one instance per model name, one shared file. */
export const sqliteAdapter = (path: string) => {
  const sql = openStatements(path);
  const row = (found: unknown): Payload | undefined => {
    if (found === undefined) return undefined;
    const { payload, consumedAt } = found as { payload: string; consumedAt: number | null };
    const parsed = JSON.parse(payload) as Payload;
    return consumedAt === null ? parsed : { ...parsed, consumed: consumedAt };
  };

  return class SqliteAdapter {
    readonly kind: string;

    constructor(kind: string) {
      this.kind = kind;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      sql.upsert.run({
        id, kind: this.kind, payload: JSON.stringify(payload), grantId: text(payload.grantId), uid: text(payload.uid),
        userCode: text(payload.userCode), expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null,
      });
    }

    async find(id: string): Promise<Payload | undefined> {
      return row(sql.find.get({ key: id, kind: this.kind, now: Date.now() }));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return row(sql.findByUid.get({ key: uid, kind: this.kind, now: Date.now() }));
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return row(sql.findByUserCode.get({ key: userCode, kind: this.kind, now: Date.now() }));
    }

    async consume(id: string): Promise<void> {
      sql.consume.run({ at: epochSeconds(), id, kind: this.kind });
    }

    async destroy(id: string): Promise<void> {
      sql.destroy.run({ id, kind: this.kind });
    }

    /** oidc-provider calls it on each grantable model (lib/helpers/revoke.js), so one kind at a time. */
    async revokeByGrantId(grantId: string): Promise<void> {
      sql.revokeByGrantId.run({ grantId, kind: this.kind });
    }

    static close(): void {
      sql.db.close();
    }
  };
};
