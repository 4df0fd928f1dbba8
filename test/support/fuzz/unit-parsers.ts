/**
 * The two body parsers every route shares (packages/http/src/form-body.ts, json-body.ts): whatever
 * arrives, the answer is the parsed body or the one documented refusal (UnreadableRequest, 400 as
 * OAuth2's `invalid_request` — docs/security.md AS-45), never another exception and never text
 * nobody sent (U+FFFD for bytes that were not UTF-8).
 */
import { isDeepStrictEqual } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { parseForm } from '../../../packages/http/src/form-body.ts';
import { registerJsonBody } from '../../../packages/http/src/json-body.ts';
import { nestsDeeperThan } from '../../../packages/http/src/json-depth.ts';
import { registerErrorHandling } from '../../../packages/http/src/errors.ts';
import { UnreadableRequest } from '../../../packages/http/src/unreadable-request.ts';
import { bodyBytes, formText, wellFormedParams } from './arbitraries.ts';
import type { FuzzProperty } from './property.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const isHex = (b: number | undefined): boolean => b !== undefined && /^[0-9a-fA-F]$/.test(String.fromCharCode(b));

/** The URL Standard's percent-decode on bytes (§1.3), "+" first read as a space (§5.1). */
const percentDecodeBytes = (bytes: Buffer): Buffer => {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] === 0x2b ? 0x20 : bytes[i];
    if (b === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else out.push(b);
  }
  return Buffer.from(out);
};

/** The URL Standard's application/x-www-form-urlencoded parser (§5.1) on bytes, as the oracle; undefined when a name or value is not UTF-8. */
const specFormPairs = (text: string): Array<[string, string]> | undefined => {
  const pairs: Array<[string, string]> = [];
  const bytes = Buffer.from(text.toWellFormed(), 'utf8');
  let start = 0;
  for (let end = 0; end <= bytes.length; end++) {
    if (end < bytes.length && bytes[end] !== 0x26) continue;
    const sequence = bytes.subarray(start, end);
    start = end + 1;
    if (sequence.length === 0) continue;
    const eq = sequence.indexOf(0x3d);
    const [name, value] = eq < 0 ? [sequence, Buffer.alloc(0)] : [sequence.subarray(0, eq), sequence.subarray(eq + 1)];
    try {
      pairs.push([strictUtf8.decode(percentDecodeBytes(name)), strictUtf8.decode(percentDecodeBytes(value))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
};

const formRefusedOrFaithful = fc.property(formText, (text) => {
  const expected = specFormPairs(text);
  const refusable = expected === undefined || new Set(expected.map(([k]) => k)).size !== expected.length; // not UTF-8, or a name twice (AS-6)
  let parsed: Record<string, string>;
  try {
    parsed = parseForm(text);
  } catch (err) {
    return err instanceof UnreadableRequest && err.statusCode === 400 && refusable;
  }
  return !refusable && Object.getPrototypeOf(parsed) === null && isDeepStrictEqual({ ...parsed }, Object.fromEntries(expected));
});

const formRoundTrip = fc.property(wellFormedParams, (params) => {
  const parsed = parseForm(new URLSearchParams(params).toString());
  return isDeepStrictEqual({ ...parsed }, { ...params });
});

/** The JSON parser with the real error handler, behind Fastify's in-process inject (no socket); POST /echo answers the body's type. */
let jsonApp: Promise<FastifyInstance> | undefined;
export const jsonParserApp = (): Promise<FastifyInstance> =>
  (jsonApp ??= (async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app, { exposeDebug: false, docsBaseUrl: 'http://127.0.0.1/docs' });
    registerJsonBody(app);
    app.post('/echo', async (req) => ({ type: req.body === null ? 'null' : Array.isArray(req.body) ? 'array' : typeof req.body }));
    await app.ready();
    return app;
  })());

const jsonRefusedOrFaithful = fc.asyncProperty(bodyBytes, async (bytes) => {
  const app = await jsonParserApp();
  const res = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: bytes });
  const body = res.json() as Record<string, unknown>;
  if (res.statusCode === 200) {
    // Accepted only when the bytes are UTF-8 and the text is JSON (RFC 8259 §8.1).
    const text = strictUtf8.decode(bytes);
    JSON.parse(text.replace(/^\uFEFF/, '')); // a BOM may be ignored (RFC 8259 §8.1)
    return typeof body.type === 'string' && !nestsDeeperThan(text);
  }
  return [400, 413].includes(res.statusCode) && body.error === 'invalid_request' && typeof body.error_description === 'string';
});

export const parserProperties: FuzzProperty[] = [
  { name: 'form parser: parsed as the URL Standard parses forms, or refused with UnreadableRequest only when not UTF-8 or a name is repeated', weight: 10, property: formRefusedOrFaithful },
  { name: 'form parser: well-formed parameters come back unchanged', weight: 3, property: formRoundTrip },
  { name: 'JSON body parser: 200 only for UTF-8 JSON at most 128 levels deep, else 400/413 invalid_request, never a 5xx', weight: 6, property: jsonRefusedOrFaithful },
];
