/**
 * Who is calling the admin API, as the audit log names them (docs/operations/audit.md): an API key
 * by a name derived from it, never the key; without configured keys the admin origin only listens
 * on loopback (docs/security.md ID-20), so the caller is "local".
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '@olympus/audit';

export const LOCAL_ACTOR: AuditActor = { kind: 'local', id: 'local', label: 'local (loopback, no API key)' };

/**
 * `key-` and the first 8 hex digits of the key's SHA-256: stable across restarts and nodes, the same
 * for every operator who computes it (`printf %s "$KEY" | sha256sum | cut -c1-8`), and 32 bits of a
 * hash of a key of at least 192 bits tell nothing about the key.
 */
export const apiKeyName = (key: string): string => `key-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;

const bearerOf = (req: FastifyRequest): string => {
  const auth = req.headers.authorization ?? '';
  return /^bearer /i.test(auth) ? auth.slice(7).trim() : '';
};

/** The admin guard (admin-guard.ts) has already checked the key, so the presented one is a configured one. */
export const adminActorOf = (req: FastifyRequest, apiKeys: readonly string[]): AuditActor => {
  if (apiKeys.length === 0) return LOCAL_ACTOR;
  const name = apiKeyName(bearerOf(req));
  return { kind: 'api_key', id: name, label: name };
};
