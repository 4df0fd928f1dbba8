/**
 * Decoded client rows, reused while a client's stored JSON is unchanged. Every lookup still reads the
 * row, so a change made on any node (a rotated secret, a deleted client) counts at the next request
 * exactly as before; what is saved is decoding the ≈1.3 KB document again, ≈2 % of a client
 * credentials request (docs/decisions/0002-hot-path-performance.md). The shared object is frozen
 * all the way down, so no caller can change what another one reads.
 */
import type { StoredClient } from '@olympus/oauth2';

/** Enough for every client a node authenticates in a busy minute; beyond it the oldest is dropped. */
const MAX_CLIENTS = 1_000;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
};

export class DecodedClients {
  readonly #byId = new Map<string, { text: string; stored: StoredClient }>();

  /** The client stored as `text`: the decoded object of the last read when the text is the same. */
  of(id: string, text: string): StoredClient {
    const known = this.#byId.get(id);
    if (known !== undefined && known.text === text) return known.stored;
    const stored = deepFreeze(JSON.parse(text) as StoredClient);
    this.#byId.delete(id);
    if (this.#byId.size >= MAX_CLIENTS) this.#byId.delete(this.#byId.keys().next().value!);
    this.#byId.set(id, { text, stored });
    return stored;
  }
}
