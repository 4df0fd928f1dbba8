/**
 * The OAuth2 core's parsers: redirect URI matching (docs/security.md AS-1, AS-2), JSON Patch of
 * clients and identities (RFC 6902), reading client credentials and assertions (RFC 6749 §2.3,
 * RFC 7523 §2.2) and the sealed logout challenges (packages/crypto/src/sealer.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Sealer } from '@olympus/crypto';
import { explainMismatch, matchRedirectUri } from '../../../packages/oauth2/src/authorize/redirect-uri.ts';
import { applyJsonPatch } from '../../../packages/oauth2/src/clients/json-patch.ts';
import { detectAuthMethod } from '../../../packages/oauth2/src/client-auth/authenticate.ts';
import { CLIENT_AUTH_METHODS } from '../../../packages/oauth2/src/client-auth/methods.ts';
import { JWT_BEARER_ASSERTION_TYPE } from '../../../packages/oauth2/src/client-auth/private-key-jwt.ts';
import { InvalidRequest, OAuth2Error } from '../../../packages/oauth2/src/errors.ts';
import { anyText, jsonPatch, jwtLike, urlLike } from './arbitraries.ts';
import type { FuzzProperty } from './property.ts';

/** RFC 8252 §7.3 as an independent oracle: a loopback IP literal over http, the port left out of the comparison. */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::\d+)?((?:[/?#][^]*)?)$/;
const equalButPort = (registered: string, candidate: string): boolean => {
  const r = LOOPBACK.exec(registered);
  const c = LOOPBACK.exec(candidate);
  return r !== null && c !== null && r[1] === c[1] && r[2] === c[2];
};

/** A candidate near a registered URI: itself, with a port, a case change, a trailing slash, a query or a fragment. */
const nearCandidate = (registered: string[]) =>
  fc.tuple(fc.constantFrom(...registered), fc.constantFrom('same', 'port', 'upper', 'slash', 'query', 'fragment', 'prefix'), fc.integer({ min: 1, max: 65535 })).map(([r, how, port]) => {
    switch (how) {
      case 'port': return r.replace(/^(http:\/\/(?:127\.0\.0\.1|\[::1\]|[^/:?#]+))(?::\d+)?/, `$1:${port}`);
      case 'upper': return r.toUpperCase();
      case 'slash': return `${r}/`;
      case 'query': return `${r}${r.includes('?') ? '&' : '?'}x=1`;
      case 'fragment': return `${r}#x`;
      case 'prefix': return r.slice(0, Math.max(0, r.length - 1));
      default: return r;
    }
  });

const registeredAndCandidate = fc.array(urlLike, { minLength: 1, maxLength: 3 }).chain((registered) =>
  fc.tuple(fc.constant(registered), fc.oneof(nearCandidate(registered), urlLike)),
);

const redirectMatchIsExact = fc.property(registeredAndCandidate, ([registered, candidate]) => {
  explainMismatch(registered, candidate); // the error page's explanation must not throw either
  if (!matchRedirectUri(registered, candidate)) return true;
  return registered.some((r) => r === candidate || equalButPort(r, candidate));
});

const loopbackAnyPort = fc.property(
  fc.constantFrom('http://127.0.0.1', 'http://[::1]'),
  fc.constantFrom('', '/', '/cb', '/cb?x=1', '/a/b?c=d&e=f'),
  fc.oneof(fc.constantFrom(80, 443, 8080, 65535), fc.integer({ min: 1, max: 65535 })),
  (host, rest, port) => matchRedirectUri([`${host}${rest}`], `${host}:${port}${rest}`),
);

const PATCH_MEMBERS = ['client_name', 'redirect_uris', 'scope', 'metadata', 'a', 'b'];
/** A client-like document as JSON.parse would give it (plain prototypes, as the body parser delivers). */
const patchDocument = fc
  .record({
    client_name: fc.string({ maxLength: 6 }),
    redirect_uris: fc.array(fc.webUrl(), { maxLength: 2 }),
    metadata: fc.jsonValue({ maxDepth: 2 }),
    a: fc.array(fc.integer(), { maxLength: 3 }),
  })
  .map((document) => JSON.parse(JSON.stringify(document)) as Record<string, unknown>);

const patchRefusedOrApplied = fc.property(patchDocument, jsonPatch(PATCH_MEMBERS), (document, operations) => {
  const before = structuredClone(document);
  try {
    applyJsonPatch(document, operations);
  } catch (err) {
    if (!(err instanceof InvalidRequest)) throw err;
  }
  const polluted = Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined;
  return !polluted && isDeepStrictEqual(document, before); // RFC 6902 §5: applied to a copy, all or nothing
});

const patchAddRemoveInverse = fc.property(patchDocument, fc.string({ minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), (document, key, value) => {
  fc.pre(!Object.hasOwn(document, key));
  const pointer = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return isDeepStrictEqual(applyJsonPatch(document, [{ op: 'add', path: pointer, value }, { op: 'remove', path: pointer }]), document);
});

const CLIENT = 'fuzz-client';
const basicHeader = fc.oneof(
  fc.tuple(fc.constantFrom('Basic ', 'basic  ', 'BASIC\t'), fc.uint8Array({ maxLength: 24 })).map(([s, b]) => s + Buffer.from(b).toString('base64')),
  fc.tuple(anyText(8), anyText(8)).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`),
  fc.constantFrom('Basic', 'Basic ', 'Bearer x', 'Basic ===', 'Basic Og=='),
  anyText(16),
);
const authRequest = fc.record(
  {
    authorization: basicHeader,
    body: fc.record(
      {
        client_id: fc.oneof(fc.constant(CLIENT), anyText(6)),
        client_secret: anyText(6),
        client_assertion: fc.oneof(jwtLike(CLIENT, 'http://127.0.0.1/oauth2/token'), anyText(12)),
        client_assertion_type: fc.oneof(fc.constant(JWT_BEARER_ASSERTION_TYPE), anyText(6)),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['body'] },
);

const credentialsReadOrRefused = fc.property(authRequest, (raw) => {
  const req = { authorization: raw.authorization, body: raw.body as Record<string, string>, endpointUrl: 'http://127.0.0.1/oauth2/token' };
  try {
    const method = detectAuthMethod(req);
    const presented = CLIENT_AUTH_METHODS[method].read(req);
    if (typeof presented.clientId !== 'string') return false;
    if (method === 'private_key_jwt') return presented.assertion === req.body.client_assertion;
    return true;
  } catch (err) {
    return err instanceof OAuth2Error && err.status < 500;
  }
});

const sealer = new Sealer(['fuzz-secret-one', 'fuzz-secret-two']);
const PURPOSE = 'logout-challenge';
const challengeNeverOpensForged = fc.property(
  fc.oneof(
    anyText(40),
    fc.array(fc.oneof(fc.constant('v1'), fc.base64String({ maxLength: 24 }).map((s) => s.replace(/=+$/, ''))), { maxLength: 5 }).map((p) => p.join('.')),
  ),
  (forged) => sealer.open(forged, PURPOSE) === undefined,
);
const challengeTamperedNeverOpensToOther = fc.property(anyText(30), fc.nat(), fc.constantFrom(...'AQgw_-.v1x'), (plaintext, at, ch) => {
  const sealed = sealer.seal(plaintext, PURPOSE);
  const i = at % sealed.length;
  const tampered = sealed.slice(0, i) + ch + sealed.slice(i + 1);
  const opened = sealer.open(tampered, PURPOSE);
  return sealer.open(sealed, PURPOSE) === Buffer.from(plaintext).toString() && sealer.open(sealed, 'login-challenge') === undefined &&
    (opened === undefined || opened === sealer.open(sealed, PURPOSE));
});

export const oauth2Properties: FuzzProperty[] = [
  { name: 'redirect URI: a match is byte-equal to a registered URI, or differs only in a loopback port (AS-1, AS-2)', weight: 10, property: redirectMatchIsExact },
  { name: 'redirect URI: a registered loopback URI accepts every port (AS-2, RFC 8252 §7.3)', weight: 2, property: loopbackAnyPort },
  { name: 'JSON Patch: applied or refused with InvalidRequest, the input untouched, no prototype polluted', weight: 10, property: patchRefusedOrApplied },
  { name: 'JSON Patch: add then remove of a new member gives the document back (RFC 6902 §4.1, §4.2)', weight: 2, property: patchAddRemoveInverse },
  { name: 'client credentials and assertions: read, or refused with a 4xx OAuth2 error', weight: 10, property: credentialsReadOrRefused },
  { name: 'challenge decoder: forged logout challenges never open', weight: 5, property: challengeNeverOpensForged },
  { name: 'challenge decoder: a tampered challenge never opens to other text, nor under another purpose', weight: 3, property: challengeTamperedNeverOpensToOther },
];
