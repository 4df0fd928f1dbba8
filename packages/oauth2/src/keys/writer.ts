/**
 * Writes keys to the KeyStore: the private JWK sealed under secrets.system, bound to its set and
 * kid (never stored in plain), and the activation time chosen so that a new key is published
 * before it signs (OIDC Core §10.1.1) — except the first signing key of a set, which must sign at once.
 */
import type { Sealer } from '@olympus/crypto';
import type { KeyStore, StoredKey } from '../ports.ts';
import { sealPurpose } from './cache.ts';
import type { KeyMaterial } from './material.ts';
import { canSign } from './schedule.ts';

export interface WriterOptions {
  store: KeyStore;
  sealer: Sealer;
  now: () => number;
  publishAhead: number;
}

export class KeyWriter {
  readonly #opts: WriterOptions;

  constructor(opts: WriterOptions) {
    this.#opts = opts;
  }

  /** Returns false when the set already has a key with this kid. */
  async add(set: string, material: KeyMaterial, opts: { activateNow?: boolean; order?: number } = {}): Promise<boolean> {
    const { store, sealer, now, publishAhead } = this.#opts;
    const at = now();
    const hasSigner = (await store.listKeys(set)).some(canSign);
    const key: StoredKey = {
      set,
      kid: material.kid,
      alg: material.alg,
      use: material.use,
      publicJwk: material.publicJwk,
      privateSealed: material.privateJwk ? sealer.seal(JSON.stringify(material.privateJwk), sealPurpose(set, material.kid)) : '',
      // `order` keeps keys imported together in their given order (the newest signs).
      createdAt: at + (opts.order ?? 0),
      activatesAt: opts.activateNow || !hasSigner ? at : at + publishAhead,
    };
    return store.addKey(key);
  }
}
