/**
 * The harness of the settings and second-factor tests: the session harness plus the OAuth2 server's
 * jti store, on the same database, that TOTP steps and recovery codes are claimed in, and the
 * courier's queue kept for reading.
 */
import type { OlympusConfig } from '@olympus/config';
import type { JtiStore } from '@olympus/oauth2';
import { createOAuth2Storage } from '@olympus/storage';
import { issueSession, type CourierMessage, type CurrentSession, type Identity, type IssuedSession } from '../src/index.ts';
import { newIdentity } from './password-fakes.ts';
import { harness, recordingCourier, type Harness } from './sessions-fakes.ts';

export type MfaHarness = Harness & { jtis: JtiStore; mail: CourierMessage[] };

export const mfaHarness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c, secrets?: string[]): MfaHarness => {
  const h = harness(customize, secrets);
  const { jtis } = createOAuth2Storage(h.db);
  const mail: CourierMessage[] = [];
  Object.assign(h.ctx, { oauth2: { claimOnce: (namespace: string, key: string, expiresAt: number) => jtis.consumeJti(namespace, key, expiresAt) } });
  h.ctx.storage.courier = recordingCourier(h.ctx.storage.courier, mail);
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
