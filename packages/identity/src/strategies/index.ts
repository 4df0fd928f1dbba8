/**
 * The credential strategies by method name (DESIGN.md §5: one module per method, picked from a
 * map). Flows look a submitted `method` up here and never know how a method works.
 */
import type { CredentialType } from '../identities/identity.ts';
import type { LoginStrategy, RegistrationStrategy } from './strategy.ts';
import { passwordLogin } from './password/login.ts';
import { passwordRegistration } from './password/registration.ts';

export const loginStrategies: Readonly<Partial<Record<CredentialType, LoginStrategy>>> = {
  password: passwordLogin,
};

export const registrationStrategies: Readonly<Partial<Record<CredentialType, RegistrationStrategy>>> = {
  password: passwordRegistration,
};

const own = <T>(map: Readonly<Partial<Record<CredentialType, T>>>, method: unknown): T | undefined =>
  typeof method === 'string' && Object.hasOwn(map, method) ? map[method as CredentialType] : undefined;

/** The strategy for a submitted `method` value; undefined for unknown or inherited names. */
export const loginStrategyFor = (method: unknown): LoginStrategy | undefined => own(loginStrategies, method);
export const registrationStrategyFor = (method: unknown): RegistrationStrategy | undefined => own(registrationStrategies, method);
