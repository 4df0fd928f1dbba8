/**
 * The relying party a method signs for (`selfservice.methods.passkey.config.rp` or
 * `selfservice.methods.webauthn.config.rp`): W3C WebAuthn Level 3 §5.1.4.1 (RP ID), §13.4.9 (origins).
 * The config refuses at load an RP ID that no origin can claim (packages/config/src/checks-webauthn.ts).
 */
import type { OlympusConfig } from '@olympus/config';

export type WebAuthnMethod = 'passkey' | 'webauthn';

export interface RelyingParty {
  id: string;
  origins: string[];
  name: string;
}

export const relyingParty = (config: OlympusConfig, method: WebAuthnMethod): RelyingParty => {
  const { rp } = config.selfservice.methods[method].config;
  return { id: rp.id, origins: rp.origins, name: rp.displayName };
};

export const methodEnabled = (config: OlympusConfig, method: WebAuthnMethod): boolean => config.selfservice.methods[method].enabled;
