import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';

/** Endpoints a browser app may call cross-origin (RFC 9700 §2.6: never /oauth2/auth). */
const CLIENT_PATHS = new Set(['/oauth2/token', '/oauth2/revoke', '/userinfo']);
const PUBLIC_DOCUMENTS = new Set(['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/.well-known/jwks.json']);
const REFRESH_MS = 10_000;

/**
 * The origins registered by any client's `allowed_cors_origins`, re-read every few seconds so
 * every node converges after a client change (docs/compatibility.md §5.7: per-client CORS just works).
 */
export class CorsOrigins {
  readonly #ctx: OAuth2Context;
  #origins = new Set<string>();
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;

  constructor(ctx: OAuth2Context) {
    this.#ctx = ctx;
  }

  async allows(origin: string): Promise<boolean> {
    if (Date.now() - this.#loadedAt > REFRESH_MS) await (this.#loading ??= this.#load().finally(() => (this.#loading = undefined)));
    return this.#origins.has(origin);
  }

  async #load(): Promise<void> {
    const origins = new Set<string>();
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.#ctx.storage.clients.listClients({ limit: 500, after });
      for (const { client } of page) for (const o of client.allowed_cors_origins) origins.add(o);
      if (page.length < 500) break;
      const last = page[page.length - 1].client;
      after = { createdAt: last.created_at, id: last.client_id };
    }
    this.#origins = origins;
    this.#loadedAt = Date.now();
  }
}

const pathOf = (req: FastifyRequest) => req.url.split('?')[0];

const allowHeaders = (reply: FastifyReply, origin: string) => {
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  reply.header('access-control-expose-headers', 'X-Request-Id, WWW-Authenticate');
};

/** CORS on the public origin only; the admin origin never answers cross-origin requests. */
export const registerPublicCors = (app: FastifyInstance, origins: CorsOrigins): void => {
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    const path = pathOf(req);
    if (!origin || (!CLIENT_PATHS.has(path) && !PUBLIC_DOCUMENTS.has(path))) return;
    const allowed = PUBLIC_DOCUMENTS.has(path) || (await origins.allows(origin));
    if (!allowed) return;
    allowHeaders(reply, PUBLIC_DOCUMENTS.has(path) ? '*' : origin);
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', 'Authorization, Content-Type, X-Request-Id');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
};
