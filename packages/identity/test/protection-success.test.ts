/**
 * The success of a guarded login is settled with the write that completes it (protection/success.ts);
 * a completion that fails before writing leaves it to the guard, which still ends the reservation and
 * clears the failures, as a success did before the session was written.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FlowValidationError, messages, protectLogin, type LoginAttempt } from '../src/index.ts';
import { loginFlow, protectionHarness, type ProtectionHarness } from './protection-fakes.ts';

const harnesses: ProtectionHarness[] = [];
after(async () => {
  for (const h of harnesses) await h.db.close();
});

test('a success whose completion fails still ends its reservation and clears the failures', async () => {
  const h = await protectionHarness(5, 15 * 60_000);
  harnesses.push(h);
  const login = (): LoginAttempt => ({ flow: loginFlow(), body: { method: 'password', identifier: 'ann@example.com' }, ip: '198.51.100.7' });
  const wrongPassword = async () => {
    try {
      return await protectLogin(h.ctx, login(), async () => {
        throw new FlowValidationError([messages.invalidCredentials()]);
      }, h.wait);
    } catch (err) {
      return err instanceof FlowValidationError ? err.messages.map((m) => m.id) : err;
    }
  };
  for (let i = 0; i < 4; i++) assert.deepEqual(await wrongPassword(), [4000006]);
  const failing = protectLogin(h.ctx, login(), async () => 'verified', h.wait, async () => {
    throw new Error('the session could not be stored');
  });
  await assert.rejects(failing, /the session could not be stored/);
  // Four failures were cleared and no reservation is left in flight: five more wrong passwords are
  // each verified and refused; only the sixth attempt meets the lockout.
  for (let i = 0; i < 5; i++) assert.deepEqual(await wrongPassword(), [4000006]);
  assert.deepEqual(await wrongPassword(), [4010901]);
});

test("the identity read with the reservation is handed on only to an attempt with no delay; after one, the strategy reads it again", async () => {
  const h = await protectionHarness(5, 15 * 60_000);
  harnesses.push(h);
  const attempt = (): LoginAttempt => ({
    flow: loginFlow(), body: { method: 'password', identifier: 'ann@example.com' }, ip: '198.51.100.7',
    lookup: { type: 'password', identifier: 'ann@example.com' },
  });
  const handed: unknown[] = [];
  const wrongPassword = () =>
    protectLogin(h.ctx, attempt(), async (lookedUp) => {
      handed.push(lookedUp);
      throw new FlowValidationError([messages.invalidCredentials()]);
    }, h.wait).catch((err: unknown) => assert.ok(err instanceof FlowValidationError));
  for (let i = 0; i < 3; i++) await wrongPassword();
  // Attempts 1 and 2 wait 0 ms; the third waits (policy.ts), long enough for the account to change.
  assert.deepEqual(h.delays, [0, 0, 250]);
  assert.deepEqual(handed, [{ identity: undefined }, { identity: undefined }, undefined]);
});
