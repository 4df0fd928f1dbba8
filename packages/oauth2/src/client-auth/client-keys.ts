/**
 * The public keys a private_key_jwt client's assertions verify with: its inline `jwks`, or the JWK
 * Set at its `jwks_uri` (RFC 7591 §2: a client registers one or the other), fetched through
 * ctx.fetchJwks and cached (remote-jwks.ts).
 */
import type { JSONWebKeySet } from 'jose';
import type { OAuth2Client } from '../clients/client.ts';
import type { FetchJwks, OAuth2Context } from '../context.ts';
import { clientAuthFailed } from './method.ts';
import { ClientJwksCache, JwksUnavailable } from './remote-jwks.ts';

export interface ClientKeys {
  jwks: JSONWebKeySet;
  /** Where the keys come from, for hints: `the client's jwks` or `the client's jwks_uri "…"`. */
  source: string;
  /** True for keys fetched from jwks_uri, which may be refetched when the client rotates. */
  remote: boolean;
}

/** One cache per fetcher, i.e. per running server: the fetcher is what the cached sets came from. */
const caches = new WeakMap<FetchJwks, ClientJwksCache>();

const cacheOf = (ctx: OAuth2Context): ClientJwksCache => {
  let cache = caches.get(ctx.fetchJwks);
  if (!cache) {
    cache = new ClientJwksCache(ctx.fetchJwks);
    caches.set(ctx.fetchJwks, cache);
  }
  return cache;
};

const remoteSource = (client: OAuth2Client): string => `the client's jwks_uri "${client.jwks_uri}"`;

/** Awaits a fetch; its failure becomes invalid_client with the cause as the hint. */
const fetched = async (client: OAuth2Client, load: Promise<JSONWebKeySet>): Promise<ClientKeys> => {
  try {
    return { jwks: await load, source: remoteSource(client), remote: true };
  } catch (err) {
    if (err instanceof JwksUnavailable) {
      throw clientAuthFailed(`The jwks_uri "${client.jwks_uri}" of client "${client.client_id}" ${err.message}.`);
    }
    throw clientAuthFailed(`Olympus could not fetch the jwks_uri "${client.jwks_uri}" of client "${client.client_id}".`, String(err));
  }
};

export const clientKeys = async (ctx: OAuth2Context, client: OAuth2Client): Promise<ClientKeys> => {
  const inline = client.jwks?.keys ?? [];
  if (inline.length > 0) return { jwks: { keys: inline } as JSONWebKeySet, source: "the client's jwks", remote: false };
  if (!client.jwks_uri) throw clientAuthFailed(`Client "${client.client_id}" uses private_key_jwt but registers neither jwks nor jwks_uri.`);
  return fetched(client, cacheOf(ctx).get(client.client_id, client.jwks_uri, ctx.now()));
};

/**
 * After an assertion named a kid the fetched set lacks: the set fetched again, since the client may
 * have rotated its keys — at most once per 30 s per client (remote-jwks.ts); within that window, the
 * result of the last such fetch.
 */
export const refetchedClientKeys = (ctx: OAuth2Context, client: OAuth2Client): Promise<ClientKeys> =>
  fetched(client, cacheOf(ctx).refetch(client.client_id, client.jwks_uri, ctx.now()));
