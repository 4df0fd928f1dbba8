/**
 * U+0000 is part of no id, token, name or address Olympus reads from a URL, and PostgreSQL's text
 * types cannot hold or even compare it: a URL with `%00` in its path or query is refused before any
 * route reads it, in that route's envelope (unreadable-request.ts), the same on SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { UnreadableRequest } from './unreadable-request.ts';

/** A callback hook, not an async one: it runs on every request, and a promise per request costs. */
export const registerNulRefusal = (app: FastifyInstance): void => {
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.url.includes('%00')) return done();
    done(new UnreadableRequest('The URL holds %00 (U+0000), which no parameter can contain.', {
      hint: 'Remove the NUL character from the path or query parameter; it is usually a bug in how the URL was built.',
    }));
  });
};
