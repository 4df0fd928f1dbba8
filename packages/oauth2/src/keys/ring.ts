/**
 * The KeyRing: signing keys of the default sets (created on first start), the published JWKS, and
 * the admin operations behind /admin/keys. Rotation follows OIDC Core §10.1.1 and
 * docs/security.md AS-42: a new key is published `publishAhead` before it signs, and a replaced
 * key stays published for `retainAfterRetire` so every token it signed still verifies.
 */
import type { Sealer } from '@olympus/crypto';
import type { JWK } from 'jose';
import { KEY_SETS, type CreateKeyRequest, type KeyRingApi, type SigningKey } from '../context.ts';
import { ServerError } from '../errors.ts';
import type { KeyStore } from '../ports.ts';
import { KeyAdmin, shownJwk } from './admin.ts';
import { isDefaultSet } from './algorithms.ts';
import { ImportedKeyCache, KeySetCache } from './cache.ts';
import { generateKey } from './material.ts';
import { activeKey, nextKey, publishedKeys } from './schedule.ts';
import { KeyWriter } from './writer.ts';

export interface KeyRingOptions {
  store: KeyStore;
  sealer: Sealer;
  /** Algorithm of the generated ID token key (config oauth2.id_token_signing_alg). */
  idTokenAlg: 'RS256' | 'ES256';
  /** How long a new key is published before it signs (ms). */
  publishAhead: number;
  /** How long a replaced key stays published (ms): at least the lifetime of what it signed. */
  retainAfterRetire: number;
  now: () => number;
}

export class KeyRing implements KeyRingApi {
  readonly #opts: KeyRingOptions;
  readonly #sets: KeySetCache;
  readonly #imported: ImportedKeyCache;
  readonly #writer: KeyWriter;
  readonly #admin: KeyAdmin;

  constructor(opts: KeyRingOptions) {
    this.#opts = opts;
    this.#sets = new KeySetCache(opts.store, opts.now);
    this.#imported = new ImportedKeyCache(opts.sealer);
    this.#writer = new KeyWriter(opts);
    this.#admin = new KeyAdmin(opts.store, this.#writer);
  }

  async ensureDefaultKeys(): Promise<void> {
    await this.#ensureSet(KEY_SETS.idToken);
    await this.#ensureSet(KEY_SETS.accessToken);
    this.invalidate();
  }

  /**
   * Creates the first key of an empty default set. Two nodes starting together may each add one
   * (random kids); both keys are published, so either one's tokens verify everywhere.
   */
  async #ensureSet(set: string): Promise<void> {
    if ((await this.#opts.store.listKeys(set)).length > 0) return;
    const alg = set === KEY_SETS.idToken ? this.#opts.idTokenAlg : 'RS256';
    await this.#writer.add(set, await generateKey({ alg, use: 'sig' }));
  }

  async signingKey(set: string): Promise<SigningKey> {
    let keys = await this.#sets.keys(set);
    if (keys.length === 0 && isDefaultSet(set)) {
      // The set was deleted through the admin API: start a new one, as on first start.
      await this.#ensureSet(set);
      this.#sets.clear();
      keys = await this.#sets.keys(set);
    }
    const key = activeKey(keys, this.#opts.now()) ?? nextKey(keys);
    if (!key) {
      throw new ServerError('The server met an unexpected condition.', {
        debug: `The JSON Web Key Set ${set} has no key that can sign (a private key with "use": "sig").`,
      });
    }
    return this.#imported.get(set, key);
  }

  async verificationKeys(set: string): Promise<JWK[]> {
    const keys = await this.#sets.keys(set);
    return publishedKeys(keys, this.#opts.now(), this.#opts.retainAfterRetire).map(shownJwk);
  }

  async publicJwks(): Promise<{ keys: JWK[] }> {
    const sets = await Promise.all([KEY_SETS.idToken, KEY_SETS.accessToken].map((set) => this.verificationKeys(set)));
    return { keys: sets.flat() };
  }

  invalidate(): void {
    this.#sets.clear();
    this.#imported.clear();
  }

  listKeySet(set: string): Promise<JWK[]> {
    return this.#admin.listKeySet(set);
  }

  getKey(set: string, kid: string): Promise<JWK> {
    return this.#admin.getKey(set, kid);
  }

  createKey(set: string, body: CreateKeyRequest): Promise<JWK> {
    return this.#changing(this.#admin.createKey(set, body));
  }

  importKeySet(set: string, body: unknown): Promise<JWK[]> {
    return this.#changing(this.#admin.importKeySet(set, body));
  }

  importKey(set: string, kid: string, body: unknown): Promise<JWK> {
    return this.#changing(this.#admin.importKey(set, kid, body));
  }

  deleteKey(set: string, kid: string): Promise<void> {
    return this.#changing(this.#admin.deleteKey(set, kid));
  }

  deleteKeySet(set: string): Promise<void> {
    return this.#changing(this.#admin.deleteKeySet(set));
  }

  /** This node sees its own admin changes at once; other nodes within the reload interval. */
  async #changing<T>(change: Promise<T>): Promise<T> {
    try {
      return await change;
    } finally {
      this.invalidate();
    }
  }
}
