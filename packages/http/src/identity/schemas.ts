/**
 * Kratos' public identity schema endpoints (docs/compatibility.md §2.1): GET /schemas lists
 * `[{id, schema}]`, GET /schemas/:id answers the schema document. The id may be the plain schema id
 * or its base64url form, which is what an identity's `schema_url` ends with.
 */
import { FlowNotFound, loadSchemas, type IdentitySchema, type IdentitySchemas } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';

const find = (schemas: IdentitySchemas, id: string): IdentitySchema | undefined => {
  const direct = schemas.get(id);
  if (direct || !/^[A-Za-z0-9_-]+$/.test(id)) return direct;
  return schemas.get(Buffer.from(id, 'base64url').toString('utf8'));
};

export const registerSchemaRoutes: RegisterRoutes = (app, { identity }) => {
  if (identity === undefined) return;
  const schemas = loadSchemas(identity.config);

  app.get('/schemas', { schema: frontendSchemas.schemas }, async () => schemas.all().map(({ id, schema }) => ({ id, schema })));

  app.get('/schemas/:id', { schema: frontendSchemas.schema }, async (req) => {
    const { id } = req.params as { id: string };
    const found = find(schemas, id);
    if (!found) {
      throw new FlowNotFound('Unable to locate the resource', {
        reason: `No identity schema has id ${JSON.stringify(id)}; GET /schemas lists them.`,
      });
    }
    return found.schema;
  });
};
