/**
 * WebAuthn challenges (W3C WebAuthn Level 3 §13.4.3: random, at least 16 bytes, used once).
 * A login's challenge is bound to its flow: SHA-256 of the method, the flow's random id and its CSRF
 * token, so the flow needs no stored state, nobody can know it before the flow exists, and an
 * assertion made for one flow fails in every other. A settings
 * enrolment's challenge is random and kept in the flow's method state. Either counts as used once a
 * ceremony with it verified, in the single-use store that also guards TOTP steps (docs/security.md ID-15).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import type { WebAuthnMethod } from './relying-party.ts';

const NAMESPACE = 'olympus:identity:webauthn-challenge';
const PURPOSE = 'identity-webauthn-challenge';

/** base64url of 32 bytes: the flow's challenge for `method`. */
export const flowChallenge = (flow: SelfServiceFlow, method: WebAuthnMethod): string =>
  createHash('sha256').update(`olympus:webauthn-challenge\0${method}\0${flow.id}\0${flow.internal.csrfToken}`).digest('base64url');

export const randomChallenge = (): string => randomBytes(32).toString('base64url');

/** True the first time a verified ceremony presents `challenge`; kept until the flow expires. */
export const claimChallenge = (ctx: IdentityContext, flow: SelfServiceFlow, challenge: string): Promise<boolean> =>
  ctx.oauth2.claimOnce(NAMESPACE, ctx.hasher.hash(challenge, PURPOSE), flow.expiresAt);
