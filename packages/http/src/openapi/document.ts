/**
 * Each origin's OpenAPI 3.1 document, built by @fastify/swagger from the schemas its routes validate
 * with (docs/operations/openapi.md): `/.well-known/olympus/openapi.json` on the public origin,
 * `/openapi.json` on the admin origin. Routes register after the plugin (withDocumentedRoutes), so its
 * onRoute hook sees every one; a route without an operationId gets one made from its method and path.
 */
import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';

export type OriginName = 'public' | 'admin';

export const OPENAPI_PATHS: Record<OriginName, string> = {
  public: '/.well-known/olympus/openapi.json',
  admin: '/openapi.json',
};

export interface DocumentInfo {
  origin: OriginName;
  version: string;
  /** The configured base URL of the origin (serve.public.url / serve.admin.url). */
  baseUrl: string;
}

const TITLES: Record<OriginName, { title: string; description: string }> = {
  public: {
    title: 'Olympus public API',
    description: "OAuth2 and OpenID Connect (Hydra's public API), self-service flows (Kratos' public API) and the pages of the login UI. See docs/compatibility.md.",
  },
  admin: {
    title: 'Olympus admin API',
    description: "Hydra's and Kratos' admin APIs, Olympus' extensions and the console's pages. See docs/compatibility.md.",
  },
};

/** `GET /admin/keys/{set}` → getAdminKeysSet: stable as long as the path is. */
export const operationIdOf = (method: string, url: string): string => {
  const words = url.split(/[/{}:._-]+/).filter((w) => w !== '').map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + (words.join('') || 'Root');
};

/** A page that declares no path parameters still has them in the document (OpenAPI 3.1 §4.8.12.1: each is required). */
const pathParamsOf = (url: string) => {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  return names.length === 0 ? undefined : { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])), required: names };
};

export const registerOpenApiDocument = (app: FastifyInstance, info: DocumentInfo): void => {
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: TITLES[info.origin].title, description: TITLES[info.origin].description, version: info.version },
      servers: [{ url: info.baseUrl.replace(/\/+$/, '') }],
    },
    // The base URL may carry a path; routes are described from the origin's root.
    stripBasePath: false,
    transform: ({ schema, url, route }) => {
      const method = Array.isArray(route.method) ? route.method[0]! : route.method;
      return { schema: { ...schema, operationId: schema?.operationId ?? operationIdOf(method, url), params: schema?.params ?? pathParamsOf(url) }, url };
    },
  });
};

/** Registers `routes` once the document's plugin is loaded, in the app's own scope (hooks and decorations stay the app's). */
export const withDocumentedRoutes = (app: FastifyInstance, info: DocumentInfo, routes: (app: FastifyInstance) => void): void => {
  void app.register(fp(async (root: FastifyInstance) => {
    routes(root);
    root.get(OPENAPI_PATHS[info.origin], {
      schema: {
        summary: 'This OpenAPI 3.1 document', tags: ['meta'], operationId: 'getOpenApiDocument',
        response: { 200: Type.Object({ openapi: Type.String(), info: Type.Object({ version: Type.String() }), paths: Type.Object({}) }, { description: 'The document' }) },
      },
    }, async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send(root.swagger()));
  }));
};
