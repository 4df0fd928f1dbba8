/**
 * Key sets fetched from clients' jwks_uri, cached per client_id + jwks_uri. A cache entry lives
 * 5 minutes; an assertion naming a kid the cached set lacks (the client rotated its keys) may force
 * a refetch, at most once per 30 s per client, so forged assertions cannot make Olympus hammer the
 * client's server. A failed fetch is remembered for the same 30 s for the same reason.
 */
import type { JSONWebKeySet } from 'jose';
import type { FetchJwks } from '../context.ts';

export const JWKS_CACHE_TTL_MS = 5 * 60_000;
export const JWKS_REFETCH_INTERVAL_MS = 30_000;
/** Entries are per registered client; the bound only guards against unbounded growth as clients change. */
const MAX_ENTRIES = 10_000;

/**
 * The key set at a jwks_uri could not be fetched or is not a JWK Set. The message is a predicate
 * about the URL ("answered HTTP 500 instead of 200"); the caller names the URL in front of it.
 */
export class JwksUnavailable extends Error {
  override readonly name = 'JwksUnavailable';
}

interface Entry {
  jwks: Promise<JSONWebKeySet>;
  fetchedAt: number;
  failed: boolean;
  /** When an unknown kid last forced a refetch; -Infinity when never. */
  refetchedAt: number;
}

export class ClientJwksCache {
  readonly #fetch: FetchJwks;
  readonly #entries = new Map<string, Entry>();

  constructor(fetch: FetchJwks) {
    this.#fetch = fetch;
  }

  /** The cached key set, fetched when absent or stale. */
  get(clientId: string, uri: string, now: number): Promise<JSONWebKeySet> {
    const key = cacheKey(clientId, uri);
    const entry = this.#entries.get(key);
    const maxAge = entry?.failed ? JWKS_REFETCH_INTERVAL_MS : JWKS_CACHE_TTL_MS;
    if (entry && now - entry.fetchedAt < maxAge) return entry.jwks;
    return this.#load(key, uri, now, entry?.refetchedAt ?? -Infinity);
  }

  /**
   * The newest key set, after an assertion named a kid the cached set lacks: fetched again, unless an
   * unknown kid already forced a fetch in the last 30 s — then that fetch's result, perhaps still in flight.
   */
  refetch(clientId: string, uri: string, now: number): Promise<JSONWebKeySet> {
    const key = cacheKey(clientId, uri);
    const entry = this.#entries.get(key);
    if (entry && now - entry.refetchedAt < JWKS_REFETCH_INTERVAL_MS) return entry.jwks;
    return this.#load(key, uri, now, now);
  }

  #load(key: string, uri: string, now: number, refetchedAt: number): Promise<JSONWebKeySet> {
    const entry: Entry = { jwks: this.#fetch(uri), fetchedAt: now, failed: false, refetchedAt };
    entry.jwks.catch(() => {
      entry.failed = true;
    });
    // Re-inserting keeps the Map in fetch order, so the first key is the one to evict.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    return entry.jwks;
  }
}

const cacheKey = (clientId: string, uri: string): string => JSON.stringify([clientId, uri]);
