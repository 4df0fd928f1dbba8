/**
 * `selfservice.methods.passkey` and `selfservice.methods.webauthn` in Kratos' config shape
 * (docs/operations/passkeys.md): the relying party (W3C WebAuthn Level 3 §5.1.4.1 "RP ID", §13.4.9
 * origin validation) each method signs for. Both relying parties default to the public origin.
 */
import { Type } from '@sinclair/typebox';
import { boolean, filled, section, text } from './schema-nodes.ts';

/** Olympus' PRODUCT_NAME (schema-identity.ts imports this module, so it cannot import it back). */
const PRODUCT_NAME = 'Olympus';

/** The relying party: its id (a domain), the origins a browser may sign from, and the name authenticators show. */
const relyingParty = () =>
  section('The WebAuthn relying party.', {
    id: filled(Type.String({
      minLength: 1,
      description: 'The RP ID: a domain equal to, or a registrable suffix of, the host of every origin below (e.g. `example.com` for `https://auth.example.com`).',
      'x-default': 'the host of `serve.public.base_url`',
      'x-public-part': 'host',
    })),
    origins: filled(Type.Array(Type.String({ format: 'http-url' }), {
      minItems: 1,
      description: 'Origins (scheme://host[:port]) whose pages may create and use credentials.',
      'x-default': 'the origin of `serve.public.base_url`',
      'x-public-part': 'origins',
    })),
    display_name: text('Shown by authenticators beside the credential.', PRODUCT_NAME, { minLength: 1 }),
  });

export const passkeyMethodSection = section('Passkeys: discoverable WebAuthn credentials that sign in without identifier or password (docs/operations/passkeys.md).', {
  enabled: boolean('Offer sign-in, registration and settings with passkeys.', false),
  config: section('The passkey relying party.', { rp: relyingParty() }),
});

export const webauthnMethodSection = section('WebAuthn security keys as a second factor (aal2), like TOTP (docs/operations/passkeys.md).', {
  enabled: boolean('Offer security keys as a second factor.', false),
  config: section('Second-factor settings.', {
    passwordless: boolean('Kratos\' passwordless WebAuthn; Olympus offers that as the `passkey` method, so only `false` is accepted.', false),
    rp: relyingParty(),
  }),
});
