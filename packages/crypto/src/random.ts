import { randomBytes } from 'node:crypto';

/** A URL-safe random string carrying `bytes` bytes (256 bits by default) from the OS CSPRNG. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
