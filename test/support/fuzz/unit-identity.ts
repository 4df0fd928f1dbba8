/**
 * The identity core's input checks: trait validation against the identity schema (Kratos' message
 * ids), `return_to` against the allow-list (docs/security.md AS-7) and JSON Patch of an identity
 * (Kratos' PATCH /admin/identities/{id}). Each answers or refuses with its documented error only.
 */
import fc from 'fast-check';
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { checkReturnTo, IdentityError, loadSchemas, SelfServiceFlowReturnToForbidden, validateTraits } from '@olympus/identity';
import { patchedInput } from '../../../packages/identity/src/identities/patch.ts';
import type { Identity } from '../../../packages/identity/src/identities/identity.ts';
import { anyText, jsonPatch, urlLike } from './arbitraries.ts';
import type { FuzzProperty } from './property.ts';

const PUBLIC_URL = 'http://127.0.0.1:4444';
const ALLOWED = ['https://app.example/app', 'http://127.0.0.1:3000', 'https://[::1]/cb/'];
const config: OlympusConfig = (() => {
  const base = defaultDevConfig(process.cwd(), { publicUrl: PUBLIC_URL });
  return { ...base, selfservice: { ...base.selfservice, allowedReturnUrls: ALLOWED } };
})();

/** An entry covers a URL: same origin, and the entry's path is "/" or a whole-segment prefix. */
const within = (entry: string, url: URL): boolean => {
  const allowed = new URL(entry);
  const path = allowed.pathname;
  return allowed.origin === url.origin && (path === '/' || url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`));
};

const returnToInAllowList = fc.property(fc.oneof(urlLike, anyText(20)), (raw) => {
  let checked: string;
  try {
    checked = checkReturnTo(config, raw);
  } catch (err) {
    return err instanceof SelfServiceFlowReturnToForbidden && err.code === 400 && raw !== '';
  }
  if (raw === '') return checked === '';
  const url = new URL(checked);
  // Where a browser following the raw value would land is where the check looked (WHATWG URL §4.4).
  const landing = new URL(raw, PUBLIC_URL);
  return url.username === '' && url.password === '' && landing.href === url.href && [PUBLIC_URL, ...ALLOWED].some((e) => within(e, url));
});

const schema = loadSchemas(config).get('default')!;
const traitsLike = fc.oneof(
  { weight: 3, arbitrary: fc.record({ email: fc.oneof(fc.emailAddress(), anyText(10), fc.jsonValue({ maxDepth: 1 })), name: fc.oneof(fc.record({ first: fc.jsonValue({ maxDepth: 1 }), last: anyText(5) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('email', 'name', '__proto__', 'constructor', 'a/b', 'a~b', 'x'), fc.jsonValue({ maxDepth: 2 })) },
);

const traitsJudged = fc.property(traitsLike, (traits) => {
  const problems = validateTraits(schema, traits);
  if (!problems.every((p) => typeof p.name === 'string' && typeof p.message.id === 'number' && typeof p.message.text === 'string')) return false;
  if (problems.length > 0) return true;
  // No problem reported: the traits are an object the schema accepts.
  return typeof traits === 'object' && traits !== null && !Array.isArray(traits) && schema.validate({ traits }) === true;
});

const IDENTITY = {
  id: '5f0e7a6e-0000-4000-8000-000000000001', schema_id: 'default', schema_url: `${PUBLIC_URL}/schemas/ZGVmYXVsdA`, state: 'active',
  state_changed_at: '2026-01-01T00:00:00Z', traits: { email: 'ann@example.com', name: { first: 'Ann' } }, metadata_public: { plan: 'pro' },
  metadata_admin: null, external_id: '', verifiable_addresses: [], recovery_addresses: [], credentials: {}, organization_id: null,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
} as unknown as Identity;
const IDENTITY_MEMBERS = ['traits', 'state', 'metadata_public', 'metadata_admin', 'external_id', 'schema_id', 'credentials', 'id', 'email', 'name'];

const identityPatchRefusedOrRead = fc.property(jsonPatch(IDENTITY_MEMBERS), (operations) => {
  try {
    const input = patchedInput(IDENTITY, operations);
    return typeof input.traits === 'object' && input.traits !== null;
  } catch (err) {
    return err instanceof IdentityError && err.code === 400;
  }
});

export const identityProperties: FuzzProperty[] = [
  { name: 'return_to: accepted only within the allow-list, where a browser would land, without user info (AS-7)', weight: 10, property: returnToInAllowList },
  { name: 'identity traits: every problem named with a Kratos message id; none only for traits the schema accepts', weight: 6, property: traitsJudged },
  { name: 'identity JSON Patch: read as an update body or refused with a 400 in Kratos\' envelope', weight: 6, property: identityPatchRefusedOrRead },
];
