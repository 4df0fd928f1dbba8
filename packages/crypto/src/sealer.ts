import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM sealing under a list of secrets: the first seals, every one opens, so the list
 * rotates without losing data (Hydra's `secrets.system` semantics). `purpose` is bound as
 * associated data so a value sealed for one use cannot be replayed as another.
 * Format: v1.<iv>.<ciphertext>.<tag>, all base64url.
 */
export class Sealer {
  readonly #keys: Buffer[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('Sealer needs at least one secret');
    this.#keys = secrets.map((s) => createHash('sha256').update('olympus-seal').update(s).digest());
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0], iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Returns the plaintext, or undefined when no key opens it (tampered, other purpose, retired secret). */
  open(sealed: string, purpose: string): string | undefined {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
    const [, iv, body, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    for (const key of this.#keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // wrong key or tampered: try the next secret
      }
    }
    return undefined;
  }
}
