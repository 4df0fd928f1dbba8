/**
 * A route's request validator compiled at the route's first request instead of at start. Fastify
 * compiles every route's schemas while the app boots; with some 150 routes on two origins that was
 * the largest part of a start's CPU time, spent on routes most nodes never serve
 * (docs/decisions/0002-hot-path-performance.md, "Start-up and memory").
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';

export interface LazyValidator {
  (data: unknown): boolean;
  /** The compiled validator's errors of its last call, where Fastify reads them after a refusal. */
  readonly errors: ErrorObject[] | null | undefined;
}

export const lazyValidator = (ajv: Ajv, schema: object): LazyValidator => {
  let validate: ValidateFunction | undefined;
  const check = (data: unknown): boolean => (validate ??= ajv.compile(schema))(data) as boolean;
  return Object.defineProperty(check, 'errors', { get: () => validate?.errors }) as LazyValidator;
};
