/**
 * Shapes exchanged between the client service and its callers (admin routes, CLI).
 * Kept apart from service.ts so context.ts can name them without importing the implementation.
 */
import type { ClientPage } from '../ports.ts';
import type { OAuth2Client } from './client.ts';

/** A client as returned by create, replace, patch and rotate: the plain secret only when one was just set. */
export type IssuedClient = OAuth2Client & { client_secret?: string };

/** Keyset position of a client list: the last client of the previous page. */
export type ClientCursor = NonNullable<ClientPage['after']>;

export interface ClientListQuery {
  pageSize: number;
  /** Clients after this position; the HTTP edge turns it into a sealed page token (packages/http/src/paging.ts). */
  after?: ClientCursor;
  clientName?: string;
  owner?: string;
}

export interface ClientListResult {
  clients: OAuth2Client[];
  /** Present when more clients follow. */
  next?: ClientCursor;
}

/** One RFC 6902 operation as sent; patch.ts checks the shape. */
export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}
