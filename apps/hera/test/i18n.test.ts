/**
 * Hera's catalogs against each other and against the identity server's message catalog: every
 * English key has a German text, every server message id has one, German placeholders name only
 * values the message actually carries, and the language is picked as OIDC Core §3.1.2.1 and
 * RFC 9110 §12.5.4 ask.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { messages, type MessageName, type UiText } from '@olympus/identity';
import { DE } from '../src/i18n/de.ts';
import { MESSAGES_DE } from '../src/i18n/de/messages.ts';
import { EN } from '../src/i18n/en.ts';
import { LOCALES, pickLocale, uiLocalesOf } from '../src/i18n/locale.ts';
import { CATALOGS, translator } from '../src/i18n/translator.ts';

/** Arguments for the factories that take some; a factory whose arity changes fails the test below. */
const SAMPLE_ARGS: Partial<Record<MessageName, unknown[]>> = {
  signInWith: ['GitHub'],
  signUpWith: ['GitHub'],
  duplicateCredentialsOnOidc: ['GitHub'],
  totpSecret: ['JBSWY3DPEHPK3PXP'],
  lookupSecret: ['abcd-efgh'],
  lookupSecretUsed: ['2026-01-02T03:04:05Z'],
  lookupSecretList: [['abcd-efgh', 'ijkl-mnop']],
  recoverySuccessful: ['2026-01-02T03:04:05Z'],
  generatedLabel: ['First name'],
  generic: ['Property nickname is not allowed.'],
  required: ['password'],
  minLength: [8, 3],
  invalidFormat: ['email', 'not-an-address'],
  passwordPolicy: ['it repeats a single character'],
  maxLength: [10, 12],
  wrongType: ['object', 'string'],
  passwordMinLength: [8, 3],
  passwordMaxLength: [72, 80],
  tooManyRequests: [30],
  loginFlowExpired: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 10)],
  registrationFlowExpired: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 10)],
  settingsFlowExpired: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 10)],
  recoveryFlowExpired: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 10)],
  verificationFlowExpired: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 10)],
  loginLockedOut: [5 * 60_000],
  systemError: ['The database is not reachable.'],
};

/** One sample of every message the identity server can send, by calling each factory. */
const serverMessages = (): UiText[] =>
  (Object.entries(messages) as Array<[MessageName, (...args: unknown[]) => UiText]>).map(([name, factory]) => {
    const args = SAMPLE_ARGS[name] ?? [];
    assert.equal(factory.length, args.length, `messages.${name} takes ${factory.length} argument(s): update SAMPLE_ARGS`);
    return factory(...args);
  });

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

const isMessageId = (key: string): boolean => /^\d+$/.test(key);

describe('catalogs', () => {
  test('every English key has a German text in the merged catalogs, and no German key is unknown', () => {
    const hera = Object.keys(DE).filter((k) => !isMessageId(k));
    for (const key of Object.keys(EN)) {
      assert.equal(typeof DE[key], 'string', `German text for ${key}`);
      assert.notEqual(DE[key].trim(), '', `German text for ${key} is not empty`);
    }
    assert.deepEqual(hera.filter((k) => !(k in EN)), [], 'German keys that English does not have');
    assert.equal(CATALOGS.de, DE);
    assert.equal(CATALOGS.en, EN);
    assert.deepEqual([...LOCALES].sort(), Object.keys(CATALOGS).sort());
  });

  test('German placeholders of Hera\'s own texts are the English ones', () => {
    for (const [key, english] of Object.entries(EN)) {
      assert.deepEqual(new Set(placeholders(DE[key])), new Set(placeholders(english)), `placeholders of ${key}`);
    }
  });

  test('the German message ids are exactly the identity server\'s', () => {
    const serverIds = new Set(serverMessages().map((m) => String(m.id)));
    const germanIds = Object.keys(MESSAGES_DE);
    assert.ok(germanIds.every(isMessageId), 'messages.ts holds only numeric ids');
    assert.deepEqual(germanIds.filter((id) => !serverIds.has(id)), [], 'German ids the server never sends');
    assert.deepEqual([...serverIds].filter((id) => !(id in MESSAGES_DE)), [], 'server ids without a German text');
    assert.ok(serverIds.size >= 90, `the catalog was collected whole (${serverIds.size} ids)`);
  });

  test('German placeholders name only context keys of their message, and render without leftovers', () => {
    const de = translator('de');
    for (const message of serverMessages()) {
      const template = MESSAGES_DE[String(message.id)];
      const keys = Object.keys(message.context ?? {});
      for (const name of placeholders(template)) {
        assert.ok(keys.includes(name), `${message.id}: {${name}} is not in its context (${keys.join(', ') || 'none'})`);
      }
      const shown = de.text(message);
      assert.doesNotMatch(shown, /\{\w+\}|\[object Object\]|undefined/, `${message.id} renders as "${shown}"`);
    }
  });

  test('German renders the values of a message\'s context', () => {
    const de = translator('de');
    assert.equal(de.text(messages.minLength(8, 3)), 'Verwenden Sie mindestens 8 Zeichen (bisher sind es 3).');
    assert.equal(de.text(messages.totpSecret('JBSWY3DPEHPK3PXP')), 'JBSWY3DPEHPK3PXP');
    assert.match(de.text(messages.loginLockedOut(120_000)), /höchstens 2 Min\./);
    assert.doesNotMatch(de.text(messages.loginFlowExpired(0, 600_000)), /\d/, 'no minutes the context does not carry');
    // 1050015 as the lookup-secret strategy sends it: its `secrets` are messages, translated in turn.
    const list = { ...messages.lookupSecretList(['Used on 2026-01-02', 'abcd']), context: { secrets: [messages.lookupSecretUsed('2026-01-02'), messages.lookupSecret('abcd')] } };
    assert.equal(de.text(list), 'Verwendet am 2026-01-02, abcd');
    assert.equal(translator('en').text(list), 'Used on 2026-01-02, abcd');
  });

  test('English shows the server\'s own text, and Hera\'s keys fill their placeholders', () => {
    const en = translator('en');
    assert.equal(en.text(messages.invalidCredentials()), messages.invalidCredentials().text);
    assert.equal(en.t('login.heading', { product: 'Acme' }), 'Sign in to Acme');
    assert.equal(translator('de').t('login.heading', { product: 'Acme' }), 'Bei Acme anmelden');
    assert.equal(en.text(undefined, 'fallback'), 'fallback');
  });
});

describe('pickLocale', () => {
  const config = (defaultLocale: 'en' | 'de'): OlympusConfig => {
    const base = defaultDevConfig(process.cwd());
    return { ...base, hera: { ...base.hera, defaultLocale } };
  };
  const en = config('en');

  test('ui_locales wins over Accept-Language, in its own order', () => {
    assert.equal(pickLocale(en, 'en', 'de'), 'de');
    assert.equal(pickLocale(en, 'de', 'en de'), 'en');
    assert.equal(pickLocale(en, undefined, 'fr de'), 'de', 'unsupported tags are passed over');
    assert.equal(pickLocale(en, undefined, 'de-CH'), 'de', 'a region matches its language');
  });

  test('Accept-Language by q, then the configured default', () => {
    assert.equal(pickLocale(en, 'fr;q=1, de-AT;q=0.9, en;q=0.8'), 'de');
    assert.equal(pickLocale(en, 'en;q=0.5, de;q=0.6'), 'de');
    assert.equal(pickLocale(en, 'de;q=0, en;q=0.1'), 'en', 'q=0 means not acceptable');
    assert.equal(pickLocale(en, 'fr'), 'en');
    assert.equal(pickLocale(config('de'), 'fr'), 'de');
    assert.equal(pickLocale(config('de'), undefined, 'fr'), 'de', 'unsupported ui_locales fall back too');
    assert.equal(pickLocale(en, 'fr', 'ja'), 'en');
  });

  test('ui_locales is read from the authorization request URL', () => {
    assert.equal(uiLocalesOf('http://127.0.0.1/oauth2/auth?client_id=a&ui_locales=fr%20de'), 'fr de');
    assert.equal(uiLocalesOf('http://127.0.0.1/oauth2/auth?client_id=a'), undefined);
    assert.equal(uiLocalesOf('not a url'), undefined);
    assert.equal(uiLocalesOf(undefined), undefined);
  });
});
