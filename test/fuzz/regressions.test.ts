/** The counterexamples fuzzing found (docs/operations/fuzzing.md), each kept as a plain example next to its property. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseForm } from '../../packages/http/src/form-body.ts';
import { matchRedirectUri } from '../../packages/oauth2/src/authorize/redirect-uri.ts';
import { nestedJson } from '../support/fuzz/arbitraries.ts';
import { jsonParserApp } from '../support/fuzz/unit-parsers.ts';

describe('fuzzing regressions', () => {
  test('a form escape, a non-ASCII character and a lone "%" decode to the text sent (URLSearchParams made "A\\uFFFD%" of it)', () => {
    assert.deepEqual({ ...parseForm('%41é%') }, { 'Aé%': '' });
    assert.deepEqual({ ...parseForm('a=%41中%zz&b=%C3%A9+x%') }, { a: 'A中%zz', b: 'é x%' });
    assert.throws(() => parseForm('a=%41é%FF'), /not valid UTF-8/);
  });

  test('JSON nested 129 levels is a 400 invalid_request, not a stack overflow; 128 levels are read', async () => {
    const app = await jsonParserApp();
    const post = (payload: string) => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });
    assert.equal((await post(nestedJson(128))).statusCode, 200);
    const deep = await post(nestedJson(20000));
    assert.equal(deep.statusCode, 400);
    assert.equal(deep.json().error, 'invalid_request');
    assert.equal((await post(`{"a":"${'['.repeat(500)}"}`)).statusCode, 200, 'brackets inside strings do not count');
  });

  test('a registered loopback URI accepts an explicit :80 like any other port, and stays exact otherwise (AS-2)', () => {
    assert.equal(matchRedirectUri(['http://127.0.0.1/cb'], 'http://127.0.0.1:80/cb'), true);
    assert.equal(matchRedirectUri(['http://[::1]/cb'], 'http://[::1]:80/cb'), true);
    assert.equal(matchRedirectUri(['http://127.0.0.1/cb'], 'HTTP://127.0.0.1:80/cb'), false);
    assert.equal(matchRedirectUri(['http://127.0.0.1/cb'], 'http://127.0.0.1:80/cb/'), false);
    assert.equal(matchRedirectUri(['http://127.0.0.1/cb'], 'http://127.0.0.1:80@evil.example/cb'), false);
  });
});
