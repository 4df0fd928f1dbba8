/**
 * A software authenticator for protocol tests: an ES256 key pair per credential, `none` attestation
 * and assertions built byte by byte as W3C WebAuthn Level 3 §6.1 (authenticator data), §6.5
 * (attestation object) and §6.3.3 (signature over authData ‖ SHA-256(clientDataJSON)) describe.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const b64 = (data: Buffer | Uint8Array): string => Buffer.from(data).toString('base64url');
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicCose: Uint8Array;
  userHandle: string;
  counter: number;
}

const coseKey = (publicKey: KeyObject): Uint8Array => {
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(new Map<number, number | Uint8Array>([
    [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')],
  ]));
};

const counterBytes = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const clientData = (type: string, challenge: string, origin: string): Buffer =>
  Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

/** Creates a credential for the options' challenge and user, and the registration response JSON a browser posts. */
export const register = (options: { challenge: string; user: { id: string } }, rpId: string, origin: string, counter = 0) => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credential: SoftCredential = { id: randomBytes(16), privateKey, publicCose: coseKey(publicKey), userHandle: options.user.id, counter };
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credential.id.length);
  const authData = Buffer.concat([sha256(rpId), Buffer.from([UP | UV | AT]), counterBytes(counter), Buffer.alloc(16), idLength, credential.id, credential.publicCose]);
  const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
  const response = {
    id: b64(credential.id), rawId: b64(credential.id), type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: b64(clientData('webauthn.create', options.challenge, origin)), attestationObject: b64(attestationObject), transports: ['internal'] },
  };
  return { credential, response };
};

/** An assertion for `challenge`; the counter goes up by one unless `counter` says what to send. */
export const assert = (credential: SoftCredential, challenge: string, rpId: string, origin: string, counter = credential.counter + 1) => {
  credential.counter = counter;
  const authData = Buffer.concat([sha256(rpId), Buffer.from([UP | UV]), counterBytes(counter)]);
  const data = clientData('webauthn.get', challenge, origin);
  const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), credential.privateKey);
  return {
    id: b64(credential.id), rawId: b64(credential.id), type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: b64(data), authenticatorData: b64(authData), signature: b64(signature), userHandle: credential.userHandle },
  };
};
