/**
 * The credential strategies by method name (docs/architecture.md §7: one module per method, picked from a
 * map). Flows look a submitted `method` up here and never know how a method works.
 */
import type { CredentialType } from '../identities/identity.ts';
import type { LoginStrategy, RedirectStrategy, RegistrationStrategy, SettingsStrategy } from './strategy.ts';
import { oidcStrategy } from './oidc/strategy.ts';
import { oidcSettings } from './oidc/settings.ts';
import { passwordLogin } from './password/login.ts';
import { passwordRegistration } from './password/registration.ts';
import { totpLogin } from './totp/login.ts';
import { totpSettings } from './totp/settings.ts';
import { lookupSecretLogin } from './lookup-secret/login.ts';
import { lookupSecretSettings } from './lookup-secret/settings.ts';
import { profileSettings } from '../flows/settings/methods/profile.ts';
import { passwordSettings } from '../flows/settings/methods/password.ts';
import { passkeyLogin } from './passkey/login.ts';
import { passkeySettings } from './passkey/settings.ts';
import { passkeyRegistration } from './passkey/registration.ts';
import { webauthnLogin } from './webauthn/login.ts';
import { webauthnSettings } from './webauthn/settings.ts';

export const loginStrategies: Readonly<Partial<Record<CredentialType, LoginStrategy>>> = {
  password: passwordLogin,
  totp: totpLogin,
  lookup_secret: lookupSecretLogin,
  passkey: passkeyLogin,
  webauthn: webauthnLogin,
};

export const registrationStrategies: Readonly<Partial<Record<CredentialType, RegistrationStrategy>>> = {
  password: passwordRegistration,
  passkey: passkeyRegistration,
};

/** Methods that continue at another site (oidc); their callbacks complete the flow. */
export const redirectStrategies: Readonly<Partial<Record<CredentialType, RedirectStrategy>>> = {
  oidc: oidcStrategy,
};

const own = <T>(map: Readonly<Partial<Record<CredentialType, T>>>, method: unknown): T | undefined =>
  typeof method === 'string' && Object.hasOwn(map, method) ? map[method as CredentialType] : undefined;

/** The strategy for a submitted `method` value; undefined for unknown or inherited names. */
export const loginStrategyFor = (method: unknown): LoginStrategy | undefined => own(loginStrategies, method);
export const registrationStrategyFor = (method: unknown): RegistrationStrategy | undefined => own(registrationStrategies, method);
export const redirectStrategyFor = (method: unknown): RedirectStrategy | undefined => own(redirectStrategies, method);

/**
 * The method a body names: its `method`, else `oidc` for a bare `provider` — Kratos' provider buttons
 * are `<button name="provider">`, so a server-rendered form sends no `method`.
 */
export const submittedMethod = (body: Record<string, unknown>): string => {
  const { method, provider } = body;
  if (typeof method === 'string' && method !== '') return method;
  // A passkey or security key answer filled in by the page's script (strategies/webauthn/nodes.ts).
  if (typeof body.passkey_login === 'string' && body.passkey_login !== '') return 'passkey';
  if (typeof body.passkey_register === 'string' && body.passkey_register !== '') return 'passkey';
  if (typeof body.webauthn_login === 'string' && body.webauthn_login !== '') return 'webauthn';
  return typeof provider === 'string' && provider !== '' ? 'oidc' : '';
};

/** The settings methods in the order their parts appear in the settings form. */
export const settingsStrategies: Readonly<Record<string, SettingsStrategy>> = {
  profile: profileSettings,
  password: passwordSettings,
  totp: totpSettings,
  lookup_secret: lookupSecretSettings,
  passkey: passkeySettings,
  webauthn: webauthnSettings,
  oidc: oidcSettings,
};

/**
 * The settings method of a submitted body: its `method`, else the method whose own button it
 * carries (Kratos' `totp_unlink`, `lookup_secret_regenerate`, … come without `method`).
 */
export const settingsStrategyFor = (body: Record<string, unknown>): SettingsStrategy | undefined => {
  const { method } = body;
  if (typeof method === 'string' && method !== '') return Object.hasOwn(settingsStrategies, method) ? settingsStrategies[method] : undefined;
  return Object.values(settingsStrategies).find((strategy) => strategy.claims(body));
};
