/**
 * Fakes for the settings and second-factor tests: the session harness plus the single-use store
 * (the OAuth2 server's jti store) that TOTP steps and recovery codes are claimed in, and a courier
 * queue that keeps what was sent.
 */
import type { OlympusConfig } from '@olympus/config';
import { issueSession, type CourierMessage, type CurrentSession, type Identity, type IssuedSession } from '../src/index.ts';
import { newIdentity } from './password-fakes.ts';
import { harness, type Harness } from './sessions-fakes.ts';

/** Like the SQL store: the first claim of a (namespace, key) pair wins, every later one loses. */
export class MemoryJtiStore {
  readonly seen = new Set<string>();
  async consumeJti(clientId: string, jti: string, _expiresAt: number): Promise<boolean> {
    const key = `${clientId}\n${jti}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

export type MfaHarness = Harness & { jtis: MemoryJtiStore; mail: CourierMessage[] };

export const mfaHarness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c, secrets?: string[]): MfaHarness => {
  const h = harness(customize, secrets);
  const jtis = new MemoryJtiStore();
  const mail: CourierMessage[] = [];
  Object.assign(h.ctx, { oauth2: { claimOnce: (namespace: string, key: string, expiresAt: number) => jtis.consumeJti(namespace, key, expiresAt) } });
  Object.assign(h.ctx.storage, { courier: { enqueue: async (message: CourierMessage) => void mail.push(message) } });
  return { ...h, jtis, mail };
};

export const DEVICE = { ipAddress: '198.51.100.7', userAgent: 'test-agent/1.0' };

export interface SignedIn {
  identity: Identity;
  issued: IssuedSession;
  current: CurrentSession;
}

/** A stored identity and an aal1 password session of it, issued at the harness' clock. */
export const signedIn = async (h: Harness, email = 'ada@example.com', identity = newIdentity(email)): Promise<SignedIn> => {
  await h.identities.createIdentity(identity);
  const issued = await issueSession(h.ctx, identity, [{ method: 'password', aal: 'aal1', completed_at: new Date(h.clock.now).toISOString() }], DEVICE);
  return { identity, issued, current: { session: issued.session, identity } };
};

/** A requirePrivileged stand-in that counts its calls. */
export const privilegeSpy = () => {
  const spy = Object.assign(() => { spy.calls++; }, { calls: 0 });
  return spy;
};
