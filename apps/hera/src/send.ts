/** How Hera answers a browser: a full HTML page (the security-headers hook adds CSP/XFO) or a 303. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { page, type SafeHtml } from '@olympus/http';

export const sendPage = (reply: FastifyReply, title: string, body: SafeHtml, status = 200): FastifyReply =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(title, body));

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
