import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlags, type OptionSpecs } from '../src/options.ts';
import { UsageError } from '../src/errors.ts';

const specs: OptionSpecs = {
  'redirect-uri': { type: 'string', multiple: true, description: '' },
  scope: { type: 'string', multiple: true, description: '' },
  'skip-consent': { type: 'boolean', description: '' },
  'page-size': { type: 'string', description: '' },
  quiet: { type: 'boolean', short: 'q', description: '' },
};

describe('parseFlags', () => {
  test('repeatable flags also split on commas', () => {
    const { flags } = parseFlags(
      ['--redirect-uri', 'https://a/cb,https://b/cb', '--redirect-uri', 'https://c/cb'],
      specs,
    );
    assert.deepEqual(flags.list('redirect-uri'), ['https://a/cb', 'https://b/cb', 'https://c/cb']);
  });

  test('scopes split on spaces and commas across repeats', () => {
    const { flags } = parseFlags(['--scope', 'openid profile', '--scope', 'email,offline_access'], specs);
    assert.deepEqual(flags.scopes('scope'), ['openid', 'profile', 'email', 'offline_access']);
  });

  test('unset flags are undefined, so "only the flags you set" is answerable', () => {
    const { flags } = parseFlags(['-q'], specs);
    assert.equal(flags.list('redirect-uri'), undefined);
    assert.equal(flags.boolean('skip-consent'), undefined);
    assert.equal(flags.boolean('quiet'), true);
  });

  test('booleans can be turned off with --no-x and with cobra-style --x=false', () => {
    assert.equal(parseFlags(['--no-skip-consent'], specs).flags.boolean('skip-consent'), false);
    assert.equal(parseFlags(['--skip-consent=false'], specs).flags.boolean('skip-consent'), false);
    assert.equal(parseFlags(['--skip-consent=true'], specs).flags.boolean('skip-consent'), true);
  });

  test('an unknown flag is a usage error naming it', () => {
    assert.throws(
      () => parseFlags(['--redirect-uris', 'x'], specs),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, 'unknown flag --redirect-uris');
        assert.equal(error.exitCode, 2);
        return true;
      },
    );
  });

  test('a missing value names the flag', () => {
    assert.throws(() => parseFlags(['--page-size'], specs), /flag --page-size needs a value/);
  });

  test('integers are checked', () => {
    const { flags } = parseFlags(['--page-size', 'ten'], specs);
    assert.throws(() => flags.integer('page-size', { min: 1 }), /flag --page-size needs a whole number ≥ 1, got "ten"/);
    assert.equal(parseFlags(['--page-size', '25'], specs).flags.integer('page-size'), 25);
  });

  test('positionals are kept in order', () => {
    assert.deepEqual(parseFlags(['a', '-q', 'b'], specs).positionals, ['a', 'b']);
  });
});

describe('values that start with a dash', () => {
  const dashSpecs: OptionSpecs = {
    quiet: { type: 'boolean', short: 'q', description: 'q' },
    endpoint: { type: 'string', short: 'e', description: 'e' },
  };

  test('a base64url challenge starting with "-" is a positional, not an unknown flag', () => {
    const parsed = parseFlags(['-RPDA7Z5QQQT1_O94U6OD42Vb', '--endpoint', 'http://x'], dashSpecs);
    assert.deepEqual(parsed.positionals, ['-RPDA7Z5QQQT1_O94U6OD42Vb']);
    assert.equal(parsed.flags.string('endpoint'), 'http://x');
  });

  test('short flags, clusters and -e<value> keep working; an unknown short flag is still an error', () => {
    assert.equal(parseFlags(['-q'], dashSpecs).flags.boolean('quiet'), true);
    assert.equal(parseFlags(['-ehttp://y'], dashSpecs).flags.string('endpoint'), 'http://y');
    assert.throws(() => parseFlags(['-x'], dashSpecs), /unknown flag -x/);
  });
});
