/** A stand-in for clients' jwks_uri servers: what each URI answers, and a log of the fetches made. */
import type { JSONWebKeySet } from 'jose';
import { JwksUnavailable } from '../src/client-auth/remote-jwks.ts';

export class FakeJwksServer {
  /** The document each URI serves; a string is a fetch failure with that cause. */
  readonly documents = new Map<string, JSONWebKeySet | string>();
  readonly fetched: string[] = [];

  readonly fetch = async (uri: string): Promise<JSONWebKeySet> => {
    this.fetched.push(uri);
    const doc = this.documents.get(uri) ?? 'answered HTTP 404 instead of 200';
    if (typeof doc === 'string') throw new JwksUnavailable(doc);
    return structuredClone(doc);
  };
}
