/** The action vocabulary and its filters: a whole action or a family prefix. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIT_ACTIONS, actionMatches, isAuditAction, readActionFilter } from '../src/index.ts';

test('every action is `<family>.<verb>` in lowercase words, and known actions are recognised', () => {
  for (const action of Object.keys(AUDIT_ACTIONS)) assert.match(action, /^[a-z_]+(\.[a-z_]+)+$/);
  assert.ok(isAuditAction('client.secret.rotate'));
  assert.ok(!isAuditAction('client.secret') && !isAuditAction('toString'));
});

test('a filter is a whole action or a prefix, written with or without a trailing dot or .*', () => {
  assert.equal(readActionFilter('client.secret'), 'client.secret');
  assert.equal(readActionFilter('client.'), 'client');
  assert.equal(readActionFilter('client.*'), 'client');
  for (const bad of ['', '.', 'Client', 'client..x', "x' OR 1=1", 'client%', 'a.*.b']) assert.equal(readActionFilter(bad), undefined, bad);
});

test('a prefix matches its family by whole words only', () => {
  assert.ok(actionMatches('client.secret.rotate', 'client'));
  assert.ok(actionMatches('client.secret.rotate', 'client.secret'));
  assert.ok(actionMatches('client.create', 'client.create'));
  assert.ok(!actionMatches('client.create', 'client.cr'));
  assert.ok(!actionMatches('identity.sessions.revoke', 'identity.session'));
});
