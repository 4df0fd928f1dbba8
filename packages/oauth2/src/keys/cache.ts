/**
 * Caches in front of the KeyStore. Sets are re-read at most every RELOAD_INTERVAL_MS, so nodes
 * converge on a rotation made elsewhere without a database read per token: one indexed read of each
 * set every 5 s per node, whatever the load (docs/operations/deployment.md, "Propagation bounds").
 * Imported keys are kept per set+kid (and re-imported if the stored key under that kid changed).
 */
import { createSecretKey } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import type { SigningKey } from '../context.ts';
import { ServerError } from '../errors.ts';
import type { KeyStore, StoredKey } from '../ports.ts';
import type { Sealer } from '@olympus/crypto';

/** A key created or deleted on one node is in every node's JWKS and signing choice within this bound. */
export const RELOAD_INTERVAL_MS = 5_000;

export const sealPurpose = (set: string, kid: string): string => `jwk:${set}:${kid}`;

export class KeySetCache {
  readonly #store: KeyStore;
  readonly #now: () => number;
  readonly #sets = new Map<string, { loadedAt: number; keys: Promise<StoredKey[]> }>();

  constructor(store: KeyStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  keys(set: string): Promise<StoredKey[]> {
    const cached = this.#sets.get(set);
    if (cached && this.#now() - cached.loadedAt < RELOAD_INTERVAL_MS) return cached.keys;
    const keys = this.#store.listKeys(set);
    this.#sets.set(set, { loadedAt: this.#now(), keys });
    keys.catch(() => this.#sets.delete(set)); // a failed read is retried on the next call
    return keys;
  }

  clear(): void {
    this.#sets.clear();
  }
}

export class ImportedKeyCache {
  readonly #sealer: Sealer;
  readonly #keys = new Map<string, { sealed: string; key: Promise<SigningKey> }>();

  constructor(sealer: Sealer) {
    this.#sealer = sealer;
  }

  get(set: string, stored: StoredKey): Promise<SigningKey> {
    const id = `${set}\u0000${stored.kid}`;
    const cached = this.#keys.get(id);
    if (cached?.sealed === stored.privateSealed) return cached.key;
    const key = this.#import(set, stored);
    this.#keys.set(id, { sealed: stored.privateSealed, key });
    key.catch(() => this.#keys.delete(id));
    return key;
  }

  clear(): void {
    this.#keys.clear();
  }

  async #import(set: string, stored: StoredKey): Promise<SigningKey> {
    const json = this.#sealer.open(stored.privateSealed, sealPurpose(set, stored.kid));
    if (json === undefined) {
      throw new ServerError('The server met an unexpected condition.', {
        debug: `The private key ${set}/${stored.kid} cannot be unsealed with any secrets.system entry. Was secrets.system rotated without keeping the old secret in the list?`,
      });
    }
    const jwk = JSON.parse(json) as JWK;
    const key = await importJWK(jwk, stored.alg);
    return { kid: stored.kid, alg: stored.alg, key: key instanceof Uint8Array ? createSecretKey(key) : key };
  }
}
