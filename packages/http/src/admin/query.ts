import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from '@olympus/oauth2';

/** An admin list's query parameter, sent at most once (duplicates are ambiguous, as RFC 6749 §3.1 says of its own parameters); undefined when absent or empty. */
export const singleQueryParam = (req: FastifyRequest, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  if (Array.isArray(value)) throw new InvalidRequest(`Query parameter ${name} was given more than once; send it once.`);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
