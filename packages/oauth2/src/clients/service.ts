/**
 * Client management behind the admin API (Hydra's /admin/clients semantics, docs/compatibility.md §1.2).
 * Plain secrets leave only in create, rotate, and PUT/PATCH responses that set one; storage sees hashes.
 */
import type { KeyedHasher } from '@olympus/crypto';
import type { ClientServiceApi } from '../context.ts';
import { Conflict, InvalidRequest, NotFound } from '../errors.ts';
import type { ClientStore } from '../ports.ts';
import type { ClientListQuery, ClientListResult, IssuedClient } from './api.ts';
import type { OAuth2Client, StoredClient } from './client.ts';
import { clientWithDefaults } from './defaults.ts';
import { show } from './describe.ts';
import { patchClientDocument } from './patch.ts';
import { windowEnd } from './rotation-body.ts';
import { clientSecretsOf, rotatedSecrets, type ClientSecrets, type RotationWindow } from './rotation.ts';
import { generateSecret, hashSecret, verifySecret } from './secrets.ts';
import { readClientDocument, validateClient } from './validate.ts';

export interface ClientServiceOptions {
  store: ClientStore;
  hasher: KeyedHasher;
  /** Development mode: relaxes the https rule for redirect URIs and origins. */
  dev: boolean;
  now: () => number;
}

export const MAX_PAGE_SIZE = 500;

const usesSecret = (client: OAuth2Client): boolean =>
  client.token_endpoint_auth_method === 'client_secret_basic' || client.token_endpoint_auth_method === 'client_secret_post';

/** The secrets of `stored` with their rotation windows, for an update that keeps them. */
const keptSecrets = ({ secretHashes, rotatedSecretsExpireAt }: StoredClient): Omit<StoredClient, 'client'> =>
  rotatedSecretsExpireAt === undefined ? { secretHashes } : { secretHashes, rotatedSecretsExpireAt };

const issued = (client: OAuth2Client, secret: string | undefined): { client: IssuedClient } =>
  ({ client: secret === undefined ? client : { ...client, client_secret: secret } });

export class ClientService implements ClientServiceApi {
  readonly #store: ClientStore;
  readonly #hasher: KeyedHasher;
  readonly #dev: boolean;
  readonly #now: () => number;

  constructor(options: ClientServiceOptions) {
    this.#store = options.store;
    this.#hasher = options.hasher;
    this.#dev = options.dev;
    this.#now = options.now;
  }

  async create(input: unknown): Promise<{ client: IssuedClient }> {
    const { fields, secret } = readClientDocument(input);
    const client = clientWithDefaults(fields, this.#now());
    validateClient({ client, secret }, { dev: this.#dev });
    const plain = usesSecret(client) ? (secret ?? generateSecret()) : undefined;
    const secretHashes = plain === undefined ? [] : [hashSecret(this.#hasher, plain)];
    if (!(await this.#store.createClient({ client, secretHashes }))) {
      throw new Conflict(`A client with client_id ${show(client.client_id)} already exists. Choose another client_id, or leave it out to get a UUID.`);
    }
    return issued(client, plain);
  }

  get(id: string): Promise<StoredClient | undefined> {
    return this.#store.getClient(id);
  }

  /** PUT: replaces every field; the secret stays unless the body sets one (which clears rotated secrets). */
  async replace(id: string, input: unknown): Promise<{ client: IssuedClient }> {
    return this.#update(await this.#require(id), input);
  }

  /** PATCH: RFC 6902 over the client as GET shows it, then the same rules as PUT. */
  async patch(id: string, operations: unknown): Promise<{ client: IssuedClient }> {
    const existing = await this.#require(id);
    return this.#update(existing, patchClientDocument(existing.client, operations));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.#store.deleteClient(id))) throw this.#notFound(id);
  }

  async list(query: ClientListQuery): Promise<ClientListResult> {
    const { pageSize } = query;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new InvalidRequest(`page_size ${show(pageSize)} must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
    }
    // One extra row tells whether another page follows.
    const rows = await this.#store.listClients({ after: query.after, limit: pageSize + 1, clientName: query.clientName, owner: query.owner });
    const clients = rows.slice(0, pageSize).map((row) => row.client);
    const last = clients[clients.length - 1];
    return rows.length > pageSize ? { clients, next: { createdAt: last.created_at, id: last.client_id } } : { clients };
  }

  /**
   * A new current secret; the previous ones stay valid (up to 5 in total) for zero-downtime rotation,
   * until the window ends when one is given (clients/rotation.ts), else until deleteRotatedSecrets.
   */
  async rotateSecret(id: string, window: RotationWindow = {}): Promise<{ client: IssuedClient }> {
    const now = this.#now();
    const until = windowEnd(window, now);
    const existing = await this.#require(id);
    if (!usesSecret(existing.client)) {
      throw new InvalidRequest(
        `Client ${show(id)} uses token_endpoint_auth_method ${show(existing.client.token_endpoint_auth_method)}, which has no secret to rotate.`,
      );
    }
    const plain = generateSecret();
    const client = { ...existing.client, updated_at: this.#timestamp() };
    await this.#save({ client, ...rotatedSecrets(existing, hashSecret(this.#hasher, plain), until, now) });
    return issued(client, plain);
  }

  /** Whether the client has a secret and until when its rotated ones are accepted; never a hash. */
  async secrets(id: string): Promise<ClientSecrets> {
    return clientSecretsOf(await this.#require(id), this.#now());
  }

  /** Ends the rotation window: only the current secret stays valid. */
  async deleteRotatedSecrets(id: string): Promise<void> {
    const existing = await this.#require(id);
    await this.#save({ client: { ...existing.client, updated_at: this.#timestamp() }, secretHashes: existing.secretHashes.slice(0, 1) });
  }

  verifySecret(stored: StoredClient, secret: string): boolean {
    return verifySecret(this.#hasher, stored, secret, this.#now());
  }

  async #update(existing: StoredClient, input: unknown): Promise<{ client: IssuedClient }> {
    const { fields, secret } = readClientDocument(input);
    const id = existing.client.client_id;
    if (fields.client_id && fields.client_id !== id) {
      throw new InvalidRequest(`The body's client_id ${show(fields.client_id)} differs from the client being updated (${show(id)}); client_id cannot change.`);
    }
    const client = clientWithDefaults({ ...fields, client_id: id, created_at: existing.client.created_at, updated_at: this.#timestamp() }, this.#now());
    validateClient({ client, secret }, { dev: this.#dev });
    let plain: string | undefined;
    let secrets: Omit<StoredClient, 'client'> = { secretHashes: [] };
    if (usesSecret(client)) {
      // A new secret replaces the current and rotated ones (Hydra); a client newly needing one gets one.
      plain = secret ?? (existing.secretHashes.length === 0 ? generateSecret() : undefined);
      secrets = plain === undefined ? keptSecrets(existing) : { secretHashes: [hashSecret(this.#hasher, plain)] };
    }
    await this.#save({ client, ...secrets });
    return issued(client, plain);
  }

  async #require(id: string): Promise<StoredClient> {
    const stored = await this.#store.getClient(id);
    if (!stored) throw this.#notFound(id);
    return stored;
  }

  async #save(stored: StoredClient): Promise<void> {
    if (!(await this.#store.updateClient(stored))) throw this.#notFound(stored.client.client_id);
  }

  #notFound(id: string): NotFound {
    return new NotFound(`No OAuth2 client has client_id ${show(id)}.`, { hint: 'List the clients with GET /admin/clients.' });
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }
}
