/**
 * What the playground checks of an authorization response before it uses the code: `state` equals
 * the one this browser's session sent (RFC 6749 §10.12, CSRF), and `iss` equals this server's issuer
 * (RFC 9207 §2.4, mix-up attacks). Either failing means the code is not exchanged.
 */
import { constantTimeEqual } from '@olympus/crypto';
import type { MessageKey } from '../i18n/en.ts';
import type { PendingAuthorization } from '../session/state.ts';

export interface CallbackCheck {
  name: 'state' | 'iss';
  ok: boolean;
  reason: MessageKey;
}

export const checkState = (received: string | undefined, pending: PendingAuthorization | undefined): CallbackCheck => {
  if (pending === undefined) return { name: 'state', ok: false, reason: 'callback.state.none_pending' };
  if (received === undefined) return { name: 'state', ok: false, reason: 'callback.state.missing' };
  return constantTimeEqual(received, pending.state) ? { name: 'state', ok: true, reason: 'callback.state.ok' } : { name: 'state', ok: false, reason: 'callback.state.mismatch' };
};

export const checkIssuer = (received: string | undefined, issuer: string): CallbackCheck => {
  if (received === undefined) return { name: 'iss', ok: false, reason: 'callback.iss.missing' };
  return received === issuer ? { name: 'iss', ok: true, reason: 'callback.iss.ok' } : { name: 'iss', ok: false, reason: 'callback.iss.mismatch' };
};
