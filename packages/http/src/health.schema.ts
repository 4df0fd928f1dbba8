/** Route schemas of the health checks, /version and the Prometheus scrape, on both origins (docs/operations/observability.md). */
import { Type } from '@sinclair/typebox';
import { errorResponses } from './openapi/kit.ts';

const tags = ['health'];
const Status = Type.Object({ status: Type.Literal('ok') }, { description: 'Serving' });

export const healthSchemas = {
  alive: { tags, operationId: 'isAlive', summary: 'Liveness', response: { 200: Status, ...errorResponses('oauth2') } },
  ready: { tags, operationId: 'isReady', summary: 'Readiness: database reachable, no pending migration, not draining',
    response: { 200: Status, 503: Type.Object({ errors: Type.Record(Type.String(), Type.String()) }, { description: 'Not ready, by component' }), ...errorResponses('oauth2') } },
  version: { tags, operationId: 'getVersion', summary: "Olympus' version", response: { 200: Type.Object({ version: Type.String() }, { description: 'The version' }), ...errorResponses('oauth2') } },
  metrics: (path: string) => ({ tags: ['metrics'], operationId: path === '/metrics' ? 'getMetrics' : undefined, summary: 'Prometheus text exposition',
    response: { 200: { description: 'The scrape', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errorResponses('oauth2') } }),
};
