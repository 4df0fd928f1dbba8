import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '@olympus/config';

describe('parseDuration', () => {
  test('reads Go-style durations into milliseconds', () => {
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('720h'), 2_592_000_000);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('0s'), 0);
    assert.equal(parseDuration('0'), 0);
  });

  test('refuses anything else, naming the input', () => {
    for (const bad of ['15 minutes', '', '15', '-1h', '1d', 'm', '1h 30m']) {
      assert.throws(() => parseDuration(bad), (err: Error) => err.message.includes(`"${bad}"`), bad);
    }
  });
});

describe('formatDuration', () => {
  test('writes the shortest spelling and round-trips', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(900_000), '15m');
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(2_592_000_000), '720h');
    assert.equal(formatDuration(1_500), '1s500ms');
    for (const ms of [1, 999, 61_001, 3_600_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});
