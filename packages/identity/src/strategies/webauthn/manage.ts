/**
 * Settings of both WebAuthn methods: enrol a credential with a name, rename one, remove one. A
 * passkey is a way in by itself, so the last way in of an identity (no password, no other passkey,
 * no social sign-in) cannot be removed. Every change needs a recent login (docs/security.md ID-13)
 * and ends the identity's other sessions (ID-11). The enrolment challenge lives in the flow's method
 * state and is replaced after each enrolment.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import type { Identity } from '../../identities/identity.ts';
import { FlowValidationError, type SettingsChange, type SettingsForm } from '../strategy.ts';
import { creationOptions, parseResponse, verifyRegistration } from './ceremony.ts';
import { claimChallenge, randomChallenge } from './challenge.ts';
import { webauthnMessages as m } from './messages.ts';
import { NODE_NAMES, settingsNodes } from './nodes.ts';
import { methodEnabled, relyingParty, type WebAuthnMethod } from './relying-party.ts';
import { storedCredentials, userHandleOf, withCredentials } from './stored.ts';
import { hasOtherWayIn } from '../ways-in.ts';

const text = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

const challengeOf = (state: Record<string, unknown> | undefined): string | undefined =>
  typeof state?.challenge === 'string' ? state.challenge : undefined;

/** What authenticators show for the account: the identity's first identifier, else its id. */
const userNameOf = (identity: Identity): string => identity.credentials.password?.identifiers[0] ?? identity.id;

export const webauthnSettingsForm = async (ctx: IdentityContext, identity: Identity, state: Record<string, unknown> | undefined, method: WebAuthnMethod): Promise<SettingsForm> => {
  if (!methodEnabled(ctx.config, method)) return { nodes: [] };
  const challenge = challengeOf(state) ?? randomChallenge();
  const stored = storedCredentials(identity, method);
  const name = userNameOf(identity);
  const options = await creationOptions(relyingParty(ctx.config, method), challenge, { handle: userHandleOf(identity), name, displayName: name }, stored, method === 'passkey');
  return { nodes: settingsNodes(ctx.config, method, stored, options), state: { challenge } };
};

/** True when the identity could still sign in without the passkey `id` (strategies/ways-in.ts). */
const otherWayIn = (identity: Identity, id: string): boolean => hasOtherWayIn(identity, (way) => way.method === 'passkey' && way.id === id);

const enrol = async (ctx: IdentityContext, flow: SelfServiceFlow, identity: Identity, method: WebAuthnMethod, body: Record<string, unknown>, challenge: string | undefined): Promise<SettingsChange> => {
  const names = NODE_NAMES[method];
  const response = parseResponse<RegistrationResponseJSON>(body[names.register]);
  if (response === undefined) throw new FlowValidationError([m.needsScript()]);
  if (challenge === undefined) throw new FlowValidationError([m.challengeUsed()]);
  const info = await verifyRegistration(relyingParty(ctx.config, method), response, challenge, method === 'passkey');
  if (!(await claimChallenge(ctx, flow, challenge))) throw new FlowValidationError([m.challengeUsed()]);
  const stored = storedCredentials(identity, method);
  if (stored.some((c) => c.id === info.credential.id)) throw new FlowValidationError([m.alreadyRegistered()]);
  const now = ctx.now();
  const added = {
    id: info.credential.id, public_key: Buffer.from(info.credential.publicKey).toString('base64url'), sign_count: info.credential.counter,
    transports: info.credential.transports ?? [], display_name: text(body, names.displayName).slice(0, 100) || (method === 'passkey' ? 'Passkey' : 'Security key'),
    aaguid: info.aaguid, added_at: new Date(now).toISOString(),
  };
  ctx.log.info({ identity_id: identity.id, method }, 'WebAuthn credential added');
  return { identity: withCredentials(identity, method, [...stored, added], now), credentialsChanged: true, state: { challenge: randomChallenge() } };
};

export const updateWebauthnSettings = async (
  ctx: IdentityContext, flow: SelfServiceFlow, body: Record<string, unknown>, identity: Identity, state: Record<string, unknown> | undefined,
  requirePrivileged: () => void, method: WebAuthnMethod,
): Promise<SettingsChange> => {
  const names = NODE_NAMES[method];
  const stored = storedCredentials(identity, method);
  const target = (name: string) => {
    const found = stored.find((c) => c.id === text(body, name));
    if (found === undefined) throw new FlowValidationError([m.noSuchCredential()]);
    return found;
  };
  if (text(body, names.remove) !== '') {
    const removed = target(names.remove);
    if (method === 'passkey' && !otherWayIn(identity, removed.id)) throw new FlowValidationError([m.lastCredential()]);
    requirePrivileged();
    ctx.log.info({ identity_id: identity.id, method }, 'WebAuthn credential removed');
    return { identity: withCredentials(identity, method, stored.filter((c) => c.id !== removed.id), ctx.now()), credentialsChanged: true, state };
  }
  if (text(body, names.rename) !== '') {
    const renamed = target(names.rename);
    const name = text(body, names.displayName).slice(0, 100);
    if (name === '') throw new FlowValidationError([], { [names.displayName]: [m.nameRequired()] });
    const list = stored.map((c) => (c.id === renamed.id ? { ...c, display_name: name } : c));
    return { identity: withCredentials(identity, method, list, ctx.now()), state };
  }
  requirePrivileged();
  return enrol(ctx, flow, identity, method, body, challengeOf(state));
};

/** A body is meant for `method` when it carries one of its settings fields. */
export const claimsWebauthnBody = (body: Record<string, unknown>, method: WebAuthnMethod): boolean => {
  const names = NODE_NAMES[method];
  return [names.register, names.remove, names.rename].some((name) => body[name] !== undefined && body[name] !== '');
};
