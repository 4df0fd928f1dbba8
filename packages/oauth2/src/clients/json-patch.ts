/**
 * RFC 6902 JSON Patch over RFC 6901 JSON Pointers, applied to a copy so a failing operation changes
 * nothing (§5: the whole patch fails). Implemented here rather than pulled in: the six operations are
 * short, and a library would be the only dependency of the core for it. Writes use defineProperty and
 * reads use Object.hasOwn, so a "__proto__" path can neither pollute nor read prototypes.
 */
import { isDeepStrictEqual } from 'node:util';
import { InvalidRequest } from '../errors.ts';

type Container = Record<string, unknown> | unknown[];
const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const INDEX = /^(0|[1-9][0-9]*)$/;

class PatchFailure extends Error {}

/** RFC 6901 §3-4: "" is the whole document; "~1" is "/", "~0" is "~" (in that order). */
const parsePointer = (pointer: string): string[] => {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchFailure(`${JSON.stringify(pointer)} is not a JSON Pointer; it must be "" or start with "/"`);
  return pointer.slice(1).split('/').map((token) => {
    if (/~([^01]|$)/.test(token)) throw new PatchFailure(`${JSON.stringify(pointer)} has a "~" not followed by 0 or 1`);
    return token.replaceAll('~1', '/').replaceAll('~0', '~');
  });
};

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

const has = (parent: Container, key: string): boolean =>
  Array.isArray(parent) ? INDEX.test(key) && Number(key) < parent.length : Object.hasOwn(parent, key);

const child = (parent: Container, key: string): unknown => (parent as Record<string, unknown>)[key];

/** The container holding the pointer's target, and the target's key. The root sits in a wrapper. */
const locate = (wrapper: Container, pointer: string): { parent: Container; key: string } => {
  const tokens = ['root', ...parsePointer(pointer)];
  let parent: unknown = wrapper;
  for (const token of tokens.slice(0, -1)) {
    if (!isContainer(parent) || !has(parent, token)) throw new PatchFailure(`the path ${JSON.stringify(pointer)} does not exist`);
    parent = child(parent, token);
  }
  if (!isContainer(parent)) throw new PatchFailure(`the parent of ${JSON.stringify(pointer)} is neither an object nor an array`);
  return { parent, key: tokens[tokens.length - 1] };
};

const read = (wrapper: Container, pointer: string): unknown => {
  const { parent, key } = locate(wrapper, pointer);
  if (!has(parent, key)) throw new PatchFailure(`the path ${JSON.stringify(pointer)} does not exist`);
  return child(parent, key);
};

const remove = (wrapper: Container, pointer: string): void => {
  if (pointer === '') throw new PatchFailure('the whole document cannot be removed');
  const { parent, key } = locate(wrapper, pointer);
  if (!has(parent, key)) throw new PatchFailure(`the path ${JSON.stringify(pointer)} does not exist`);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
};

/** RFC 6902 §4.1: "-" appends; an index may equal the length; an object member is added or replaced. */
const add = (wrapper: Container, pointer: string, value: unknown): void => {
  const { parent, key } = locate(wrapper, pointer);
  if (!Array.isArray(parent)) {
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
    return;
  }
  if (key === '-') parent.push(value);
  else if (INDEX.test(key) && Number(key) <= parent.length) parent.splice(Number(key), 0, value);
  else throw new PatchFailure(`${JSON.stringify(key)} is not a valid index for an array of ${parent.length}`);
};

const applyOne = (wrapper: Container, op: Record<string, unknown>): void => {
  const path = op.path as string;
  switch (op.op) {
    case 'add': return add(wrapper, path, structuredClone(op.value));
    case 'remove': return remove(wrapper, path);
    case 'replace':
      read(wrapper, path); // RFC 6902 §4.3: the target must exist
      if (path === '') return add(wrapper, path, structuredClone(op.value));
      remove(wrapper, path);
      return add(wrapper, path, structuredClone(op.value));
    case 'move': {
      const from = op.from as string;
      if (path.startsWith(`${from}/`)) throw new PatchFailure('a value cannot be moved into one of its own children');
      const value = read(wrapper, from);
      remove(wrapper, from);
      return add(wrapper, path, value);
    }
    case 'copy': return add(wrapper, path, structuredClone(read(wrapper, op.from as string)));
    case 'test':
      if (!isDeepStrictEqual(read(wrapper, path), op.value)) throw new PatchFailure(`the value at ${JSON.stringify(path)} is not the tested value`);
  }
};

/** Checks the members RFC 6902 §4 requires for the operation. */
const checkShape = (op: unknown): Record<string, unknown> => {
  if (!isContainer(op) || Array.isArray(op)) throw new PatchFailure('an operation must be a JSON object');
  const o = op as Record<string, unknown>;
  if (typeof o.op !== 'string' || !OPS.includes(o.op)) throw new PatchFailure(`"op" must be one of ${OPS.join(', ')}`);
  if (typeof o.path !== 'string') throw new PatchFailure('"path" must be a string JSON Pointer');
  if (['add', 'replace', 'test'].includes(o.op) && !('value' in o)) throw new PatchFailure(`"${o.op}" needs a "value"`);
  if (['move', 'copy'].includes(o.op) && typeof o.from !== 'string') throw new PatchFailure(`"${o.op}" needs a "from" JSON Pointer`);
  return o;
};

/** Applies a JSON Patch; throws InvalidRequest naming the failing operation's index. */
export const applyJsonPatch = (document: unknown, operations: unknown): unknown => {
  if (!Array.isArray(operations)) {
    throw new InvalidRequest('The request body must be a JSON Patch: an array of operations such as [{"op": "replace", "path": "/client_name", "value": "App"}] (RFC 6902).');
  }
  const wrapper: Container = { root: structuredClone(document) };
  operations.forEach((raw: unknown, index) => {
    try {
      applyOne(wrapper, checkShape(raw));
    } catch (err) {
      if (!(err instanceof PatchFailure)) throw err;
      const o = raw as { op?: unknown; path?: unknown };
      const label = typeof o?.op === 'string' && typeof o?.path === 'string' ? ` (${o.op} ${o.path})` : '';
      throw new InvalidRequest(`JSON Patch operation ${index}${label} failed: ${err.message}.`, { hint: 'Operations are numbered from 0 (RFC 6902).' });
    }
  });
  return (wrapper as Record<string, unknown>).root;
};
