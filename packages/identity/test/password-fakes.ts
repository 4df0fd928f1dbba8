/** An in-memory IdentityStore and a minimal IdentityContext for the password strategy tests. */
import { defaultDevConfig } from '@olympus/config';
import type { OlympusConfig } from '@olympus/config';
import type { CredentialType, Identity, IdentityContext, IdentityPage, IdentityStore, IdentityWrite, SelfServiceFlow } from '../src/index.ts';

export class MemoryIdentityStore implements IdentityStore {
  readonly byId = new Map<string, Identity>();
  updates = 0;
  failUpdates = false;

  #owner(type: CredentialType, identifier: string): Identity | undefined {
    return [...this.byId.values()].find((i) => i.credentials[type]?.identifiers.includes(identifier));
  }

  #duplicate(identity: Identity): IdentityWrite | undefined {
    for (const [type, credential] of Object.entries(identity.credentials)) {
      for (const identifier of credential?.identifiers ?? []) {
        const owner = this.#owner(type as CredentialType, identifier);
        if (owner && owner.id !== identity.id) return { status: 'duplicate_identifier', type: type as CredentialType, identifier };
      }
    }
    return undefined;
  }

  async createIdentity(identity: Identity): Promise<IdentityWrite> {
    const duplicate = this.#duplicate(identity);
    if (duplicate) return duplicate;
    this.byId.set(identity.id, structuredClone(identity));
    return { status: 'ok' };
  }

  async getIdentity(id: string): Promise<Identity | undefined> {
    const found = this.byId.get(id);
    return found && structuredClone(found);
  }

  async findByCredentialIdentifier(type: CredentialType, identifier: string): Promise<Identity | undefined> {
    const found = this.#owner(type, identifier);
    return found && structuredClone(found);
  }

  async updateIdentity(identity: Identity): Promise<IdentityWrite> {
    if (this.failUpdates || !this.byId.has(identity.id)) return { status: 'not_found' };
    const duplicate = this.#duplicate(identity);
    if (duplicate) return duplicate;
    this.updates++;
    this.byId.set(identity.id, structuredClone(identity));
    return { status: 'ok' };
  }

  async deleteIdentity(id: string): Promise<boolean> {
    return this.byId.delete(id);
  }

  async listIdentities(page: IdentityPage): Promise<Identity[]> {
    return [...this.byId.values()].slice(0, page.limit).map((i) => structuredClone(i));
  }
}

export interface LogLine { level: string; obj: Record<string, unknown>; msg?: string }

export const testContext = (store: MemoryIdentityStore, config: OlympusConfig = defaultDevConfig(process.cwd())) => {
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

export const newFlow = (overrides: Partial<SelfServiceFlow> = {}): SelfServiceFlow => ({
  id: 'f0000000-0000-4000-8000-000000000001', kind: 'login', type: 'api', expiresAt: 0, issuedAt: 0,
  requestUrl: 'http://127.0.0.1:4444/self-service/login/api', returnTo: '', state: 'choose_method',
  ui: { action: 'http://127.0.0.1:4444/self-service/login?flow=f', method: 'POST', nodes: [] },
  refresh: false, requestedAal: 'aal1', active: '', oauth2LoginChallenge: '', identityId: '',
  internal: { csrfToken: '', attempts: 0 },
  ...overrides,
});
