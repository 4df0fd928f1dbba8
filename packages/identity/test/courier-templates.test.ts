import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newMessageId } from '../src/courier/message-id.ts';
import { extractCode, newCourierMessage, renderTemplate, smtpOptions, type CourierTemplateType } from '@olympus/identity';

const CODE_TYPES: CourierTemplateType[] = ['recovery_code_valid', 'verification_code_valid', 'registration_code_valid', 'login_code_valid'];

describe('courier templates', () => {
  for (const type of CODE_TYPES) {
    test(`${type}: the code stands alone on its own line, with its validity`, () => {
      const { subject, body } = renderTemplate(type, { code: '048213', expiresInMinutes: 15 });
      assert.ok(subject.length > 0 && !subject.includes('\n'));
      assert.match(body, /^048213$/m);
      assert.match(body, /within 15 minutes/);
      assert.equal(extractCode(body), '048213');
    });

    test(`${type}: without a code it refuses to render`, () => {
      assert.throws(() => renderTemplate(type, {}), /needs code/);
    });
  }

  test('the greeting uses traits.name as a string or as {first}, else stays generic', () => {
    const greet = (traits?: Record<string, unknown>) => renderTemplate('login_code_valid', { code: '1234', traits }).body.split('\n')[0];
    assert.equal(greet({ name: 'Ada' }), 'Hello Ada,');
    assert.equal(greet({ name: { first: 'Grace', last: 'Hopper' } }), 'Hello Grace,');
    assert.equal(greet({ email: 'x@example.com' }), 'Hello,');
    assert.equal(greet(undefined), 'Hello,');
  });

  test('the _invalid templates tell an address without an account, and carry no code', () => {
    for (const type of ['recovery_code_invalid', 'verification_code_invalid'] as const) {
      const { body } = renderTemplate(type, { code: '123456' });
      assert.match(body, /no account uses it/);
      assert.equal(extractCode(body), undefined);
    }
  });

  test('notification templates name what changed', () => {
    assert.match(renderTemplate('verifiable_address_changed', { newAddress: 'new@example.com' }).body, /now uses new@example\.com/);
    assert.match(renderTemplate('authenticator_key_added', { method: 'totp' }).body, /\(totp\) was added/);
    assert.throws(() => renderTemplate('verifiable_address_changed', {}), /needs newAddress/);
    assert.equal(extractCode(renderTemplate('stub', {}).body), undefined);
  });

  test('a new message is queued, unsent, with Kratos field names', () => {
    const m = newCourierMessage({ recipient: 'ada@example.com', templateType: 'verification_code_valid', context: { code: '999111' } }, 1_750_000_000_000);
    assert.deepEqual(
      { ...m, id: typeof m.id, body: extractCode(m.body) },
      {
        id: 'string', status: 'queued', type: 'email', channel: 'email', recipient: 'ada@example.com', subject: 'Confirm your email address',
        body: '999111', template_type: 'verification_code_valid', send_count: 0, dispatches: [],
        created_at: '2025-06-15T15:06:40.000Z', updated_at: '2025-06-15T15:06:40.000Z',
      },
    );
  });
});

describe('SMTP connection URI', () => {
  test('smtp:// requires STARTTLS and defaults to port 587; user and password are percent-decoded', () => {
    const o = smtpOptions('smtp://mailer%40example.com:p%40ss%20word@mail.example.com/');
    assert.deepEqual([o.host, o.port, o.secure, o.requireTLS, o.ignoreTLS, o.tls.rejectUnauthorized], ['mail.example.com', 587, false, true, false, true]);
    assert.deepEqual(o.auth, { user: 'mailer@example.com', pass: 'p@ss word' });
  });

  test('smtps:// is TLS from the first byte on port 465; no user means no AUTH', () => {
    const o = smtpOptions('smtps://mail.example.com');
    assert.deepEqual([o.port, o.secure, o.requireTLS, o.auth], [465, true, false, undefined]);
  });

  test('disable_starttls and skip_ssl_verify (Kratos query flags)', () => {
    const o = smtpOptions('smtp://127.0.0.1:1025/?disable_starttls=true&skip_ssl_verify=true');
    assert.deepEqual([o.port, o.requireTLS, o.ignoreTLS, o.tls.rejectUnauthorized], [1025, false, true, false]);
  });

  test('anything but an smtp:// or smtps:// URL is refused with the expected form', () => {
    assert.throws(() => smtpOptions('mail.example.com:25'), /smtp:\/\/ or smtps:\/\/|not a URL/);
    assert.throws(() => smtpOptions('http://mail.example.com'), /must start with smtp:\/\/ or smtps:\/\/, not http:/);
    assert.throws(() => smtpOptions('not a url'), /not a URL/);
  });
});

describe('message ids', () => {
  test('UUIDv7 ids sort in the order they were made, also within one millisecond', () => {
    const at = 1_750_000_000_000;
    const ids = [...Array.from({ length: 5000 }, () => newMessageId(at)), newMessageId(at + 5), newMessageId(at - 1000)];
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)));
    assert.equal(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16), at, 'the first 48 bits are the time');
  });
});
