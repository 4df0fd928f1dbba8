/**
 * Social sign-in mapping (docs/operations/social-sign-in.md, "Mapping claims to traits"): claim paths,
 * `{ from, when_verified }`, `{ cel }` with `claims` bound, `when`, `verified_addresses` that never mark
 * an address the provider did not vouch for, metadata, and the start-up check of every form.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDevConfig, type OidcMapperConfig, type OlympusConfig } from '@olympus/config';
import type { JWTPayload } from 'jose';
import { compileCel, evaluateCel } from '../src/strategies/oidc/cel.ts';
import { mapperIssues } from '../src/strategies/oidc/mapper-check.ts';
import { MappingFailed, SignInNotAllowed } from '../src/strategies/oidc/mapping-errors.ts';
import { describeSource, mapClaims } from '../src/strategies/oidc/mapping.ts';
import type { OidcProvider } from '../src/strategies/oidc/providers.ts';

const providerWith = (mapper?: OidcMapperConfig): OidcProvider => ({
  id: 'corp', label: 'Corp ID', issuer: 'https://id.example', signInUrl: 'https://id.example',
  config: { id: 'corp', provider: 'generic', clientId: 'c', clientSecret: 's', issuerUrl: 'https://id.example', ...(mapper ? { mapper } : {}) },
});

const CLAIMS: JWTPayload = {
  sub: 'u1', email: 'Ada@Example.COM', email_verified: true, given_name: 'Ada', family_name: 'Lovelace', hd: 'example.com',
  groups: ['eng', 'ops'], upn: 'ada@corp.example', emails: [{ value: 'ada@other.example' }],
};

describe('mapping claims', () => {
  test('without a mapper: email and the name claims; the email verified only when the provider says so', () => {
    const mapped = mapClaims(providerWith(), CLAIMS);
    assert.deepEqual(mapped.traits, { email: 'Ada@Example.COM', name: { first: 'Ada', last: 'Lovelace' } });
    assert.deepEqual(mapped.verifiedAddresses.map((a) => a.value), ['Ada@Example.COM']);
    assert.equal(mapped.metadataPublic, undefined);
    assert.deepEqual(mapClaims(providerWith(), { ...CLAIMS, email_verified: 'true' }).verifiedAddresses, [], 'only the boolean true vouches');
  });

  test('CEL traits: lowerAscii, concatenation, a ternary on hd; claim paths with [i]', () => {
    const mapped = mapClaims(providerWith({
      traits: {
        email: { cel: 'claims.email.lowerAscii()' },
        'name.first': { cel: 'claims.given_name + " " + claims.family_name' },
        'name.last': { cel: 'claims.hd == "example.com" ? "staff" : "guest"' },
      },
    }), CLAIMS);
    assert.deepEqual(mapped.traits, { email: 'ada@example.com', name: { first: 'Ada Lovelace', last: 'staff' } });
    assert.deepEqual(mapClaims(providerWith({ traits: { email: 'emails[0].value' } }), CLAIMS).traits, { email: 'ada@other.example' });
  });

  test('when_verified: the value only when the provider vouched for it', () => {
    const mapper: OidcMapperConfig = { traits: { email: { from: 'email', whenVerified: true }, 'name.first': { from: 'upn', whenVerified: true } } };
    assert.deepEqual(mapClaims(providerWith(mapper), CLAIMS).traits, { email: 'Ada@Example.COM' }, 'upn is no address the provider vouched for');
    assert.deepEqual(mapClaims(providerWith(mapper), { ...CLAIMS, email_verified: false }).traits, {});
    const viaCel = providerWith({ traits: { email: { cel: 'claims.email.lowerAscii()', whenVerified: true } } });
    assert.deepEqual(mapClaims(viaCel, CLAIMS).traits, { email: 'ada@example.com' }, 'the same address in other case is still the vouched one');
  });

  test('verified_addresses narrows to listed traits, and never marks a value the provider did not vouch for', () => {
    const listed = mapClaims(providerWith({ traits: { email: 'upn' }, verifiedAddresses: ['email'] }), CLAIMS);
    assert.equal(listed.traits.email, 'ada@corp.example');
    assert.deepEqual(listed.verifiedAddresses, [], 'the upn is not the address with email_verified');
    const same = mapClaims(providerWith({ traits: { email: { cel: 'claims.email.lowerAscii()' } }, verifiedAddresses: ['email'] }), CLAIMS);
    assert.deepEqual(same.verifiedAddresses.map((a) => a.value), ['ada@example.com']);
    assert.deepEqual(mapClaims(providerWith({ traits: { email: 'email' }, verifiedAddresses: [] }), CLAIMS).verifiedAddresses, []);
  });

  test('metadata_public and metadata_admin map like traits, with nested keys and CEL lists', () => {
    const mapped = mapClaims(providerWith({
      metadataPublic: { domain: 'hd', 'org.groups': { cel: 'claims.groups.filter(g, g != "ops")' } },
      metadataAdmin: { upn: 'upn', count: { cel: 'size(claims.groups)' } },
    }), CLAIMS);
    assert.deepEqual(mapped.metadataPublic, { domain: 'example.com', org: { groups: ['eng'] } });
    assert.deepEqual(mapped.metadataAdmin, { upn: 'ada@corp.example', count: 2 });
    assert.deepEqual(mapped.traits.name, { first: 'Ada', last: 'Lovelace' }, 'traits default when the mapper has none');
  });

  test('when: false refuses the account; an expression that fails is a flow error naming the key, never a crash', () => {
    const only = providerWith({ when: 'claims.hd == "example.com"' });
    assert.equal(mapClaims(only, CLAIMS).traits.email, 'Ada@Example.COM');
    assert.throws(() => mapClaims(only, { ...CLAIMS, hd: 'gmail.com' }), (err: unknown) => err instanceof SignInNotAllowed && err.messages[0].id === 4000965);
    assert.throws(() => mapClaims(providerWith({ traits: { 'name.first': { cel: 'claims.nickname.lowerAscii()' } } }), CLAIMS), (err: unknown) => {
      assert.ok(err instanceof MappingFailed);
      assert.equal(err.messages[0].id, 4000966);
      assert.match(err.detail, /providers "corp" mapper\.traits\.name\.first: .*nickname/);
      assert.doesNotMatch(err.messages[0].text, /nickname/, 'the user sees no expression');
      return true;
    });
    assert.throws(() => mapClaims(providerWith({ when: 'claims.missing == "x"' }), CLAIMS), MappingFailed);
  });

  test('a source reads as written in Athena', () => {
    assert.equal(describeSource('given_name'), 'given_name');
    assert.equal(describeSource({ from: 'email', whenVerified: true }), 'email (when verified)');
    assert.equal(describeSource({ cel: 'claims.email' }), 'cel: claims.email');
  });
});

describe('CEL', () => {
  test('sandboxed: only `claims` is bound; nested comprehensions, a non-bool condition and oversized expressions are refused', () => {
    assert.throws(() => compileCel('process.exit(1)', 'value'), /process/);
    assert.throws(() => compileCel('claims.groups.all(a, claims.groups.exists(b, a == b))', 'value'), /comprehension macro .* inside another/);
    assert.doesNotThrow(() => compileCel('claims.groups.exists(g, g == "eng")', 'bool'));
    assert.throws(() => compileCel('"yes"', 'bool'), /not a bool/);
    assert.throws(() => compileCel(Array.from({ length: 200 }, () => 'claims.a').join(' + '), 'value'), /maxAstNodes/);
    assert.equal(evaluateCel('claims.email_verified', 'bool', { email_verified: true }), true);
    assert.throws(() => evaluateCel('claims.hd', 'bool', { hd: 'x' }), /not a bool/);
  });
});

describe('start-up check', () => {
  const configWith = (mapper: OidcMapperConfig): OlympusConfig => {
    const base = defaultDevConfig(process.cwd());
    const oidc = { enabled: true, config: { providers: [{ ...providerWith(mapper).config }] } };
    return { ...base, selfservice: { ...base.selfservice, methods: { ...base.selfservice.methods, oidc } } };
  };

  test('every form is checked: trait and verified_addresses paths against the schema, each CEL expression compiled', () => {
    assert.deepEqual(mapperIssues(configWith({
      when: 'claims.hd == "example.com"', traits: { email: { from: 'email', whenVerified: true }, 'name.first': { cel: 'claims.given_name' } },
      verifiedAddresses: ['email'], metadataPublic: { hd: 'hd' }, metadataAdmin: { x: { cel: 'claims.sub' } },
    })), []);
    const issues = mapperIssues(configWith({
      when: 'claims.hd ==', traits: { 'name.frist': { cel: 'claims.given_name' }, email: { cel: 'claims.email +' } },
      verifiedAddresses: ['name.first'], metadataPublic: { team: { cel: 'foo.bar' } },
    }));
    const at = 'selfservice.methods.oidc.config.providers[0].mapper';
    assert.ok(issues.some((i) => i.startsWith(`${at}.traits maps "name.frist"`)), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith(`${at}.verified_addresses lists "name.first", which the identity schema "default" does not verify by email`) && i.includes(': email.')), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith(`${at}.when is a CEL expression that does not compile: `)), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith(`${at}.traits.email is a CEL expression that does not compile: Unexpected token`)), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith(`${at}.metadata_public.team is a CEL expression that does not compile: Unknown variable: foo`)), issues.join('\n'));
  });
});
