/**
 * CEL (github.com/google/cel-spec) for social sign-in mapping: an expression sees the provider's claims
 * as `claims` and nothing else: no I/O, no host functions, no variables besides `claims`. The cost is
 * bounded at compile time (docs/decisions/0007-cel-mapping.md): at most OIDC_CEL_MAX_LENGTH characters
 * (the config schema), the parser's node, depth and literal limits below, and no comprehension macro
 * (`map`, `filter`, `all`, `exists`, `exists_one`) inside another, so evaluation is linear in the claims.
 */
import { createRequire } from 'node:module';
import type { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';

const LIMITS = { maxAstNodes: 256, maxDepth: 32, maxListElements: 64, maxMapEntries: 64, maxCallArguments: 8 };
const COMPREHENSIONS: ReadonlySet<string> = new Set(['map', 'filter', 'all', 'exists', 'exists_one']);

let celEnvironment: Environment | undefined;

/**
 * Loaded by the first mapping that uses CEL, synchronously like its callers, so a node without
 * such a mapping never loads the interpreter (docs/decisions/0002-hot-path-performance.md).
 */
const environment = (): Environment => {
  if (celEnvironment !== undefined) return celEnvironment;
  const cel = createRequire(import.meta.url)('@marcbachmann/cel-js') as typeof import('@marcbachmann/cel-js');
  celEnvironment = new cel.Environment({ limits: LIMITS }).registerVariable('claims', 'map');
  return celEnvironment;
};

/** What an expression must give: a condition (`when`) or any value (a trait or metadata key). */
export type CelResult = 'bool' | 'value';

const children = (node: ASTNode): ASTNode[] => {
  const args: unknown = node.args;
  const list = Array.isArray(args) ? args.flat(2) : [args];
  return list.filter((a): a is ASTNode => typeof a === 'object' && a !== null && 'op' in a);
};

/** The deepest nesting of comprehension macros in the expression. */
const comprehensionDepth = (node: ASTNode): number => {
  const own = node.op === 'rcall' && COMPREHENSIONS.has((node.args as unknown[])[0] as string) ? 1 : 0;
  return own + Math.max(0, ...children(node).map(comprehensionDepth));
};

const compiled = new Map<string, ParseResult>();

/** The parsed and type-checked expression; throws an Error whose message is the problem. */
export const compileCel = (expression: string, result: CelResult): ParseResult => {
  const known = compiled.get(expression);
  if (known !== undefined) return known;
  const parsed = environment().parse(expression);
  const checked = parsed.check();
  if (!checked.valid) throw new Error(checked.error?.message ?? 'the expression does not type-check');
  if (result === 'bool' && checked.type !== 'bool' && checked.type !== 'dyn') throw new Error(`it gives a ${checked.type}, not a bool`);
  if (comprehensionDepth(parsed.ast) > 1) throw new Error('a comprehension macro (map, filter, all, exists, exists_one) inside another is not allowed');
  compiled.set(expression, parsed);
  return parsed;
};

/** CEL's values as JSON: ints are bigints in the library, maps may be Map objects. */
const toJson = (value: unknown): unknown => {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error('an int beyond JSON\'s safe range');
    return Number(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJson(v)]));
  throw new Error(`a value JSON cannot hold (${Object.prototype.toString.call(value)})`);
};

/** The expression's value for these claims, as JSON; throws an Error on an evaluation problem (a missing claim, a wrong type). */
export const evaluateCel = (expression: string, result: CelResult, claims: Record<string, unknown>): unknown => {
  const value: unknown = compileCel(expression, result)({ claims });
  if (result === 'bool' && typeof value !== 'boolean') throw new Error(`it gave ${typeof value}, not a bool`);
  return toJson(value);
};
