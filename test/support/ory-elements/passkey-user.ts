/**
 * A user whose passkey sits in Chromium: the account is registered and the passkey enrolled over the
 * native API with the identity package's software authenticator, then the same key pair is handed to a
 * CDP virtual authenticator (WebAuthn.addCredential) as a discoverable credential, so the browser signs
 * in with a passkey the server already knows, without any enrolment page.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { register, type SoftCredential } from '../../../packages/identity/test/soft-authenticator.ts';
import { callApi, publicKeyOf } from '../passkeys.ts';
import { freshEmail, PASSWORD } from '../self-service.ts';

export interface PasskeyUser {
  email: string;
  identityId: string;
  credential: SoftCredential;
}

/** Registers a password account natively and enrols a passkey for it in a native settings flow. */
export const userWithPasskey = async (publicUrl: string): Promise<PasskeyUser> => {
  const email = freshEmail();
  const flow = await callApi(publicUrl, '/self-service/registration/api');
  const done = await callApi(publicUrl, `/self-service/registration?flow=${flow.body.id}`, { body: { method: 'password', traits: { email }, password: PASSWORD } });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const token = String(done.body.session_token);
  const settings = await callApi(publicUrl, '/self-service/settings/api', { token });
  const { credential, response } = register(publicKeyOf(settings.body, 'passkey_create_data') as never, 'localhost', publicUrl);
  const enrolled = await callApi(publicUrl, `/self-service/settings?flow=${settings.body.id}`, {
    token, body: { method: 'passkey', passkey_settings_register: JSON.stringify(response), passkey_display_name: 'Laptop' },
  });
  assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
  return { email, identityId: String(done.body.identity.id), credential };
};

/**
 * A platform authenticator in `page` holding the user's passkey. Conditional UI is switched off, so
 * only a button press asks for it (a virtual authenticator would answer a conditional request at once).
 */
export const holdPasskey = async (context: BrowserContext, page: Page, { credential }: PasskeyUser): Promise<void> => {
  await page.addInitScript(() => {
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: credential.id.toString('base64'),
      isResidentCredential: true,
      rpId: 'localhost',
      privateKey: credential.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
      signCount: credential.counter,
    },
  });
};
