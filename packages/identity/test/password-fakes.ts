/** A minimal IdentityContext over the real identity store, and the identities and flows the password tests use. */
import { defaultDevConfig } from '@olympus/config';
import type { OlympusConfig } from '@olympus/config';
import {
  newCredential, type Credential, type CredentialType, type Identity, type IdentityContext, type IdentityPage, type IdentityStore,
  type IdentityWrite, type SelfServiceFlow,
} from '../src/index.ts';
import { memoryStores } from './memory-stores.ts';

/**
 * The SQL identity store (memory-stores.ts), counting the updates it applies; while `failUpdates` is
 * set an update finds nothing, as one racing a delete would.
 */
export class CountingIdentityStore implements IdentityStore {
  readonly #store: IdentityStore;
  updates = 0;
  failUpdates = false;

  constructor(store: IdentityStore = memoryStores().storage.identities) {
    this.#store = store;
  }

  createIdentity(identity: Identity): Promise<IdentityWrite> {
    return this.#store.createIdentity(identity);
  }
  getIdentity(id: string): Promise<Identity | undefined> {
    return this.#store.getIdentity(id);
  }
  findByCredentialIdentifier(type: CredentialType, identifier: string): Promise<Identity | undefined> {
    return this.#store.findByCredentialIdentifier(type, identifier);
  }
  async updateIdentity(identity: Identity): Promise<IdentityWrite> {
    if (this.failUpdates) return { status: 'not_found' };
    const result = await this.#store.updateIdentity(identity);
    if (result.status === 'ok') this.updates++;
    return result;
  }
  deleteIdentity(id: string): Promise<boolean> {
    return this.#store.deleteIdentity(id);
  }
  listIdentities(page: IdentityPage): Promise<Identity[]> {
    return this.#store.listIdentities(page);
  }
  countIdentities(): Promise<number> {
    return this.#store.countIdentities();
  }
}

export interface LogLine { level: string; obj: Record<string, unknown>; msg?: string }

export const testContext = (store: IdentityStore, config: OlympusConfig = defaultDevConfig(process.cwd())) => {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => {
    lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj: obj as Record<string, unknown>, msg });
  };
  const log = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  // Only what the password strategy touches is real; the rest is never reached in these tests.
  const ctx = { config, storage: { identities: store }, log, now: () => Date.parse('2030-01-02T03:04:05Z') } as unknown as IdentityContext;
  return { ctx, lines };
};

let counter = 0;
export const newIdentity = (email: string, state: Identity['state'] = 'active'): Identity => {
  const at = '2030-01-01T00:00:00.000Z';
  return {
    id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    schema_id: 'default', schema_url: 'http://127.0.0.1:4444/schemas/ZGVmYXVsdA', state, state_changed_at: at,
    traits: { email }, metadata_public: null, metadata_admin: null, external_id: '',
    verifiable_addresses: [], recovery_addresses: [], credentials: {}, organization_id: null, created_at: at, updated_at: at,
  };
};

/**
 * The `code` credential the identity service derives from the email traits (src/identities/credentials.ts):
 * it is what finds an identity by an address it is sent codes at.
 */
export const codeCredential = (addresses: string[]): Credential =>
  newCredential('code', addresses, { addresses: addresses.map((address) => ({ channel: 'email', address })) }, Date.parse('2030-01-01T00:00:00.000Z'));

export const newFlow = (overrides: Partial<SelfServiceFlow> = {}): SelfServiceFlow => ({
  id: 'f0000000-0000-4000-8000-000000000001', kind: 'login', type: 'api', expiresAt: 0, issuedAt: 0,
  requestUrl: 'http://127.0.0.1:4444/self-service/login/api', returnTo: '', state: 'choose_method',
  ui: { action: 'http://127.0.0.1:4444/self-service/login?flow=f', method: 'POST', nodes: [] },
  refresh: false, requestedAal: 'aal1', active: '', oauth2LoginChallenge: '', identityId: '',
  internal: { csrfToken: '', attempts: 0 },
  ...overrides,
});
