/**
 * The identity admin operations (Kratos' IdentityApi): create, get, update (PUT), patch, delete,
 * delete one credential, list. Traits are validated against the identity's schema on every write;
 * a credential identifier another identity holds is a 409 naming it.
 */
import type { IdentityContext } from '../context.ts';
import { BadRequest, FlowNotFound, IdentityConflict } from '../errors.ts';
import type { IdentityWrite } from '../ports.ts';
import { loadSchemas, type IdentitySchemas } from '../schemas/registry.ts';
import { normalizeIdentifier } from '../schemas/traits.ts';
import { readIdentityBody, type IdentityInput } from './admin-body.ts';
import { assembleIdentity } from './assemble.ts';
import type { IdentityFieldFilter } from './field-filter.ts';
import type { CredentialType, Identity } from './identity.ts';
import { isUuid, newIdentityId } from './ids.ts';
import { patchedInput } from './patch.ts';

export interface IdentityServiceOptions {
  /** Hashes a new plain password (argon2id at the configured parameters). */
  hashPassword: (password: string) => Promise<string>;
  schemas?: IdentitySchemas;
}

export interface IdentityListQuery {
  pageSize: number;
  /** Keyset position: the last id of the previous page. */
  after?: string;
  credentialsIdentifier?: string;
  ids?: string[];
  /** A trait or metadata value (readFieldFilter), for the console's search. */
  field?: IdentityFieldFilter;
}

export interface IdentityListPage {
  identities: Identity[];
  /** The position after this page when more identities follow. */
  next?: string;
}

/** Fails a write that lost an identifier to another identity, naming the identifier. */
export const conflictOf = (write: IdentityWrite): IdentityConflict | undefined =>
  write.status === 'duplicate_identifier'
    ? new IdentityConflict('An identity with this identifier already exists.', {
      reason: `The ${write.type} identifier "${write.identifier}" belongs to another identity; identifiers are unique per credential type.`,
      details: { credential_type: write.type, identifier: write.identifier },
    })
    : undefined;

const notFound = (): FlowNotFound => new FlowNotFound('Unable to locate the resource', { reason: 'No identity has this id.' });

export class IdentityService {
  readonly schemas: IdentitySchemas;
  readonly #ctx: IdentityContext;
  readonly #hashPassword: IdentityServiceOptions['hashPassword'];

  constructor(ctx: IdentityContext, opts: IdentityServiceOptions) {
    this.#ctx = ctx;
    this.#hashPassword = opts.hashPassword;
    this.schemas = opts.schemas ?? loadSchemas(ctx.config);
  }

  async create(body: unknown): Promise<Identity> {
    const now = this.#ctx.now();
    const identity = await assembleIdentity(this.schemas, readIdentityBody(body), { id: newIdentityId(now), now, hashPassword: this.#hashPassword });
    const write = await this.#ctx.storage.identities.createIdentity(identity);
    const conflict = conflictOf(write);
    if (conflict) throw conflict;
    this.#ctx.log.info({ identity_id: identity.id, schema_id: identity.schema_id }, 'identity created');
    return identity;
  }

  async get(id: string): Promise<Identity> {
    const identity = isUuid(id) ? await this.#ctx.storage.identities.getIdentity(id) : undefined;
    if (!identity) throw notFound();
    return identity;
  }

  /** PUT: traits, state and metadata are replaced (metadata left out becomes null, as in Kratos). */
  async update(id: string, body: unknown): Promise<Identity> {
    const input = readIdentityBody(body);
    return this.#save(await this.get(id), {
      ...input,
      metadataPublic: input.metadataPublic ?? null,
      metadataAdmin: input.metadataAdmin ?? null,
    });
  }

  async patch(id: string, operations: unknown): Promise<Identity> {
    const previous = await this.get(id);
    return this.#save(previous, patchedInput(previous, operations));
  }

  async delete(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.#ctx.storage.identities.deleteIdentity(id))) throw notFound();
    this.#ctx.log.info({ identity_id: id }, 'identity deleted');
  }

  /**
   * Removes one credential. `code` is derived from the traits and would come back, so it is refused;
   * for `oidc`, `identifier` picks the linked account.
   */
  async deleteCredential(id: string, type: string, identifier?: string): Promise<Identity> {
    const previous = await this.get(id);
    if (type === 'code') {
      throw new BadRequest('The request was malformed or contained invalid parameters', {
        reason: 'The code credential follows the traits marked "credentials.code.identifier"; change those traits instead.',
      });
    }
    const credential = previous.credentials[type as CredentialType];
    if (!credential || (identifier !== undefined && !credential.identifiers.includes(identifier))) {
      throw new FlowNotFound('Unable to locate the resource', { reason: `This identity has no ${type} credential${identifier ? ` for "${identifier}"` : ''}.` });
    }
    const credentials = { ...previous.credentials };
    const remaining = identifier === undefined ? [] : credential.identifiers.filter((i) => i !== identifier);
    if (remaining.length === 0) delete credentials[type as CredentialType];
    else credentials[type as CredentialType] = { ...credential, identifiers: remaining };
    const updated: Identity = { ...previous, credentials, updated_at: new Date(this.#ctx.now()).toISOString() };
    await this.#write(updated);
    return updated;
  }

  async list(query: IdentityListQuery): Promise<IdentityListPage> {
    const identifier = query.credentialsIdentifier === undefined ? undefined : normalizeIdentifier(query.credentialsIdentifier);
    const rows = await this.#ctx.storage.identities.listIdentities({
      limit: query.pageSize + 1,
      after: query.after,
      credentialsIdentifier: identifier,
      ids: query.ids?.filter(isUuid),
      field: query.field,
    });
    const identities = rows.slice(0, query.pageSize);
    return rows.length > query.pageSize ? { identities, next: identities[identities.length - 1]!.id } : { identities };
  }

  async #save(previous: Identity, input: IdentityInput): Promise<Identity> {
    const now = this.#ctx.now();
    const updated = await assembleIdentity(this.schemas, input, { id: previous.id, now, previous, hashPassword: this.#hashPassword });
    await this.#write(updated);
    if (previous.state === 'active' && updated.state === 'inactive') {
      // A disabled account keeps no live session (docs/security.md ID-11).
      const revoked = await this.#ctx.storage.sessions.revokeSessionsOfIdentity(updated.id, undefined, now);
      this.#ctx.log.info({ identity_id: updated.id, revoked_sessions: revoked }, 'identity disabled');
    }
    return updated;
  }

  async #write(identity: Identity): Promise<void> {
    const write = await this.#ctx.storage.identities.updateIdentity(identity);
    if (write.status === 'not_found') throw notFound();
    const conflict = conflictOf(write);
    if (conflict) throw conflict;
  }
}
