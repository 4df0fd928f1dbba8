/**
 * Generators of hostile input shared by the fuzzed properties: text built from the pieces parsers
 * trip over (escapes, separators, control characters, look-alike hosts) mixed with random text, so a
 * short run already reaches the edges and a long one reaches everything else.
 */
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../../packages/http/src/json-depth.ts';

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** A percent-escape of any byte, in either letter case. */
export const percentEscape = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([b, upper]) => `%${upper ? hex2(b).toUpperCase() : hex2(b)}`);

/** Any text, lone surrogates included. */
export const anyText = (maxLength = 12) => fc.string({ unit: 'binary', maxLength });

/** application/x-www-form-urlencoded text (a body or a query string) as a hostile client writes it. */
export const formText = fc
  .array(
    fc.oneof(
      fc.constantFrom('&', '=', '+', '%', '%00', '%C3', '%C3%A9', '%FF', '%E2%82%AC', '%ED%A0%80', '%zz', ';', '\u0000', '\uFFFD', 'client_id', 'state', 'a', 'b'),
      percentEscape,
      anyText(8),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

/** A record of unique parameter names with well-formed text, as a correct client sends it. */
export const wellFormedParams = fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 20 }), { maxKeys: 8 });

/** Nested arrays and objects `depth` levels deep, as JSON text. */
export const nestedJson = (depth: number, leaf = '1'): string => {
  const opens: string[] = [];
  for (let i = 0; i < depth; i++) opens.push(i % 2 === 0 ? '[' : '{"a":');
  return opens.join('') + leaf + opens.reverse().map((o) => (o === '[' ? ']' : '}')).join('');
};

/** JSON text: valid documents, damaged ones, very deep ones. */
export const jsonText = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.nat(), fc.constantFrom('', '{', '}', '"', ',', ':', '\\', '\\u12', '\u0000', '__proto__', '"__proto__":{}', 'constructor'))
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6000 }).map((depth) => nestedJson(depth)) },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '', ' ', 'null', '\uFEFF{}') },
);

/** Bytes of a request body: JSON text as UTF-8, or with bytes that are not UTF-8 spliced in, or random bytes. */
export const bodyBytes = fc.oneof(
  { weight: 4, arbitrary: jsonText.map((t) => Buffer.from(t)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(jsonText, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }))
      .map(([t, at, junk]) => Buffer.concat([Buffer.from(t).subarray(0, at % (t.length + 1)), junk, Buffer.from(t).subarray(at % (t.length + 1))])),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
);

/** URL-like text around the hosts and shapes redirect URI and return_to checks care about. */
export const urlLike = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        scheme: fc.constantFrom('http', 'https', 'HTTP', 'Https', 'javascript', 'data', 'file', 'com.example.app', ''),
        slashes: fc.constantFrom('://', ':/', ':', '//', ':\\\\', ':///'),
        userinfo: fc.constantFrom('', 'user@', 'a:b@', 'app.example@', '127.0.0.1@'),
        host: fc.constantFrom('127.0.0.1', '[::1]', 'localhost', 'app.example', 'APP.example', 'app.example.evil', 'evil', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]', '', '%61pp.example'),
        port: fc.option(fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), fc.constantFrom('', '080', '+1', 'x')), { nil: undefined }),
        path: fc.array(fc.constantFrom('cb', 'callback', 'app', 'settings', '..', '.', '%2e%2e', '%2F', '', 'CB', '\\', ';x'), { maxLength: 4 }),
        query: fc.option(fc.constantFrom('a=1', 'code=x', 'state=y', 'a=1&a=2', ''), { nil: undefined }),
        fragment: fc.option(fc.constantFrom('', 'x', 'code=1'), { nil: undefined }),
      })
      .map((u) =>
        `${u.scheme}${u.slashes}${u.userinfo}${u.host}${u.port === undefined ? '' : `:${u.port}`}` +
        `${u.path.length ? `/${u.path.join('/')}` : ''}${u.query === undefined ? '' : `?${u.query}`}${u.fragment === undefined ? '' : `#${u.fragment}`}`,
      ),
  },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/', '//', '/\\', '\\', '/%2F', ''), anyText(16)).map(([a, b]) => a + b) },
);

/** RFC 6901 JSON Pointers, biased toward existing members, indexes and escapes, plus malformed ones. */
export const jsonPointer = (members: readonly string[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...members, '0', '1', '-', '10', '01', '~0', '~1', '~', '~2', '__proto__', 'constructor', 'prototype', ''), anyText(4)), { maxLength: 4 })
        .map((tokens) => tokens.map((t) => `/${t}`).join('')),
    },
    { weight: 1, arbitrary: anyText(8) },
  );

/**
 * A JSON Patch (RFC 6902) as a careless or hostile caller writes one, or something that is not one;
 * values nest no deeper than the JSON body parser lets through (packages/http/src/json-depth.ts).
 */
export const jsonPatch = (members: readonly string[]) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(
        fc.record(
          {
            op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.constantFrom('ADD', '', 'delete'), fc.jsonValue({ maxDepth: 0 })),
            path: fc.oneof({ weight: 5, arbitrary: jsonPointer(members) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 0 }) }),
            from: jsonPointer(members),
            value: fc.oneof({ weight: 5, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: MAX_JSON_DEPTH - 2 }).map((d) => JSON.parse(nestedJson(d))) }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

/** base64url of JSON or of random text: the pieces of a JWT-shaped string. */
const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Strings shaped like a compact JWS (RFC 7515 §7.1) with hostile headers and claims, and strings that are not. */
export const jwtLike = (clientId: string, audience: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.record(
            {
              alg: fc.oneof(fc.constantFrom('none', 'RS256', 'ES256', 'HS256', 'PS512', 'EdDSA', ''), fc.jsonValue({ maxDepth: 0 })),
              kid: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
              typ: fc.constantFrom('JWT', 'at+jwt'),
              crit: fc.constantFrom(['b64'], ['exp'], [], 'b64'),
              b64: fc.boolean(),
              jwk: fc.constantFrom({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, {}),
            },
            { requiredKeys: ['alg'] },
          ),
          fc.record(
            {
              iss: fc.oneof(fc.constant(clientId), fc.jsonValue({ maxDepth: 0 })),
              sub: fc.oneof(fc.constant(clientId), fc.jsonValue({ maxDepth: 0 })),
              aud: fc.oneof(fc.constant(audience), fc.constant([audience, 'x']), fc.jsonValue({ maxDepth: 1 })),
              exp: fc.oneof(fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 0 }), fc.constant(Math.floor(Date.now() / 1000) + 60)),
              iat: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 0 })),
              nbf: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 0 })),
              jti: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
            },
            { requiredKeys: [] },
          ),
          fc.oneof(fc.constant(''), fc.base64String({ maxLength: 40 }).map((s) => s.replaceAll('=', ''))),
        )
        .map(([h, p, sig]) => `${b64(h)}.${b64(p)}.${sig}`),
    },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.base64String({ maxLength: 12 }), anyText(6)), { maxLength: 6 }).map((parts) => parts.join('.')) },
  );
