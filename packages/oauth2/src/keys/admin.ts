/**
 * What /admin/keys does, in Hydra's shapes: JWK sets listed with public parts only, keys created,
 * imported, replaced and deleted. Private parts leave the server once, in the response that
 * creates a key outside the two default sets (like a client secret).
 */
import type { JWK } from 'jose';
import type { CreateKeyRequest, KeyAdminApi } from '../context.ts';
import { Conflict, InvalidRequest, NotFound } from '../errors.ts';
import type { KeyStore, StoredKey } from '../ports.ts';
import { checkAlg, checkName, checkSpecForSet, checkUse, isDefaultSet } from './algorithms.ts';
import { generateKey, readImportedJwk } from './material.ts';
import type { KeyWriter } from './writer.ts';

export const shownJwk = (key: StoredKey): JWK => key.publicJwk as JWK;

const missingSet = (set: string): NotFound =>
  new NotFound(`The JSON Web Key Set ${set} does not exist.`, { hint: 'GET /admin/keys/{set} lists a set; POST creates a key in it.' });

export class KeyAdmin implements KeyAdminApi {
  readonly #store: KeyStore;
  readonly #writer: KeyWriter;

  constructor(store: KeyStore, writer: KeyWriter) {
    this.#store = store;
    this.#writer = writer;
  }

  async listKeySet(set: string): Promise<JWK[]> {
    const keys = await this.#store.listKeys(checkName('set', set));
    if (keys.length === 0) throw missingSet(set);
    return keys.map(shownJwk);
  }

  async getKey(set: string, kid: string): Promise<JWK> {
    const key = (await this.#store.listKeys(checkName('set', set))).find((k) => k.kid === kid);
    if (!key) throw new NotFound(`The JSON Web Key ${kid} does not exist in set ${set}.`);
    return shownJwk(key);
  }

  async createKey(set: string, body: CreateKeyRequest): Promise<JWK> {
    checkName('set', set);
    const spec = { alg: checkAlg(body.alg), use: checkUse(body.use ?? 'sig'), kid: body.kid === undefined ? undefined : checkName('kid', body.kid) };
    checkSpecForSet(set, spec);
    const material = await generateKey(spec);
    if (!(await this.#writer.add(set, material))) {
      throw new Conflict(`The set ${set} already has a key with kid ${material.kid}.`, { hint: 'Pick another kid, or PUT /admin/keys/{set}/{kid} to replace it.' });
    }
    return isDefaultSet(set) || !material.privateJwk ? material.publicJwk : material.privateJwk;
  }

  /** PUT /admin/keys/{set}: the set becomes exactly these keys, all usable at once (the last one signs). */
  async importKeySet(set: string, body: unknown): Promise<JWK[]> {
    checkName('set', set);
    const list = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(list) || list.length === 0) throw new InvalidRequest('The body must be a JSON Web Key Set: {"keys": [...]} with at least one key.');
    const materials = await Promise.all(list.map((jwk) => readImportedJwk(jwk)));
    if (new Set(materials.map((m) => m.kid)).size !== materials.length) throw new InvalidRequest('Every key in the set needs its own kid.');
    for (const material of materials) checkSpecForSet(set, material);
    await this.#store.deleteKeySet(set);
    for (const [order, material] of materials.entries()) await this.#writer.add(set, material, { activateNow: true, order });
    return materials.map((m) => m.publicJwk);
  }

  /** PUT /admin/keys/{set}/{kid}: adds or replaces one key. */
  async importKey(set: string, kid: string, body: unknown): Promise<JWK> {
    checkName('set', set);
    const material = await readImportedJwk(body, checkName('kid', kid));
    checkSpecForSet(set, material);
    await this.#store.deleteKey(set, kid);
    if (!(await this.#writer.add(set, material))) throw new Conflict(`The key ${kid} in set ${set} was changed concurrently; try again.`);
    return material.publicJwk;
  }

  async deleteKey(set: string, kid: string): Promise<void> {
    if (!(await this.#store.deleteKey(checkName('set', set), kid))) throw new NotFound(`The JSON Web Key ${kid} does not exist in set ${set}.`);
  }

  async deleteKeySet(set: string): Promise<void> {
    if ((await this.#store.deleteKeySet(checkName('set', set))) === 0) throw missingSet(set);
  }
}
