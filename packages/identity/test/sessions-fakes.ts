/** An in-memory SessionStore and an IdentityContext with a settable clock, for the session and flow tests. */
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import type { IdentityContext, SelfServiceFlow, SelfServiceFlowStore, Session, SessionPage, SessionStore } from '../src/index.ts';
import { MemoryIdentityStore } from './password-fakes.ts';
import { MemoryProtectionStore } from './protection-memory.ts';

export class MemorySessionStore implements SessionStore {
  readonly rows = new Map<string, { session: Session; tokenHash: string }>();

  async createSession(session: Session, tokenHash: string): Promise<void> {
    this.rows.set(session.id, { session: structuredClone(session), tokenHash });
  }
  async getSessionByTokenHash(tokenHash: string): Promise<Session | undefined> {
    const row = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    return row && structuredClone(row.session);
  }
  async getSession(id: string): Promise<Session | undefined> {
    const row = this.rows.get(id);
    return row && structuredClone(row.session);
  }
  async updateSession(session: Session): Promise<void> {
    const row = this.rows.get(session.id);
    if (row) row.session = { ...structuredClone(session), active: row.session.active && session.active };
  }
  async listSessionsOfIdentity(identityId: string, opts: { activeOnly: boolean; limit: number }): Promise<Session[]> {
    return [...this.rows.values()].map((r) => r.session)
      .filter((s) => s.identity_id === identityId && (!opts.activeOnly || s.active)).reverse().slice(0, opts.limit);
  }
  async listSessions(page: SessionPage): Promise<Session[]> {
    return [...this.rows.values()].map((r) => r.session).filter((s) => page.active === undefined || s.active === page.active).slice(0, page.limit);
  }
  async revokeSession(id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (row) row.session.active = false;
    return row !== undefined;
  }
  async revokeSessionsOfIdentity(identityId: string, exceptId: string | undefined): Promise<number> {
    let count = 0;
    for (const { session } of this.rows.values()) {
      if (session.identity_id === identityId && session.active && session.id !== exceptId) {
        session.active = false;
        count++;
      }
    }
    return count;
  }
}

export class MemoryFlowStore implements SelfServiceFlowStore {
  readonly flows = new Map<string, SelfServiceFlow>();
  async createFlow(flow: SelfServiceFlow): Promise<void> {
    this.flows.set(flow.id, structuredClone(flow));
  }
  async getFlow(id: string): Promise<SelfServiceFlow | undefined> {
    const flow = this.flows.get(id);
    return flow && structuredClone(flow);
  }
  async updateFlow(flow: SelfServiceFlow): Promise<void> {
    this.flows.set(flow.id, structuredClone(flow));
  }
}

export interface Harness {
  ctx: IdentityContext;
  identities: MemoryIdentityStore;
  sessions: MemorySessionStore;
  flows: MemoryFlowStore;
  clock: { now: number };
}

export const harness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c, secrets = ['a-system-secret-of-enough-length-0001']): Harness => {
  const identities = new MemoryIdentityStore();
  const sessions = new MemorySessionStore();
  const flows = new MemoryFlowStore();
  const clock = { now: Date.parse('2030-01-02T03:04:05Z') };
  const noop = () => {};
  const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
  const ctx = {
    config: customize(defaultDevConfig(process.cwd(), { publicUrl: 'http://127.0.0.1:4444' })),
    storage: { identities, sessions, flows, protection: new MemoryProtectionStore() },
    hasher: new KeyedHasher(secrets),
    sealer: new Sealer(secrets),
    log,
    now: () => clock.now,
  } as unknown as IdentityContext;
  return { ctx, identities, sessions, flows, clock };
};
