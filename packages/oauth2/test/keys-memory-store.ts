/** An in-memory KeyStore for the key ring tests (the SQL adapters have their own contract suite). */
import type { KeyStore, StoredKey } from '@olympus/oauth2';

export class MemoryKeyStore implements KeyStore {
  readonly rows: StoredKey[] = [];

  async listKeys(set: string): Promise<StoredKey[]> {
    return this.rows.filter((k) => k.set === set).sort((a, b) => a.createdAt - b.createdAt).map((k) => structuredClone(k));
  }

  async listKeySets(): Promise<string[]> {
    return [...new Set(this.rows.map((k) => k.set))];
  }

  async addKey(key: StoredKey): Promise<boolean> {
    if (this.rows.some((k) => k.set === key.set && k.kid === key.kid)) return false;
    this.rows.push(structuredClone(key));
    return true;
  }

  async deleteKey(set: string, kid: string): Promise<boolean> {
    const i = this.rows.findIndex((k) => k.set === set && k.kid === kid);
    if (i < 0) return false;
    this.rows.splice(i, 1);
    return true;
  }

  async deleteKeySet(set: string): Promise<number> {
    const before = this.rows.length;
    this.rows.splice(0, this.rows.length, ...this.rows.filter((k) => k.set !== set));
    return before - this.rows.length;
  }
}
