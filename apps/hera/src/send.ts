/** Redirects and request fields for Hera's handlers; pages go through shell/shell.ts. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const seeOther = (reply: FastifyReply, location: string): FastifyReply =>
  reply.header('cache-control', 'no-store').redirect(location, 303);

export const queryParam = (req: FastifyRequest, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const formField = (req: FastifyRequest, name: string): string | undefined => {
  const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
