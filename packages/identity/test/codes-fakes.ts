/** A harness for the code-flow tests: the SQL one-time code store, and the courier's queue kept for reading. */
import type { OlympusConfig } from '@olympus/config';
import type { CourierMessage, IdentityContext, OneTimeCodeStore } from '../src/index.ts';
import { harness, recordingCourier, type Harness } from './sessions-fakes.ts';

export interface CodeHarness extends Harness {
  codes: OneTimeCodeStore;
  mails: CourierMessage[];
  /** The code of the newest mail to `recipient` (mails are queued just after the answer; this waits for them). */
  lastCode(recipient: string): Promise<string | undefined>;
}

export const codeHarness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c): CodeHarness => {
  const h = harness(customize);
  const mails: CourierMessage[] = [];
  const courier = recordingCourier(h.ctx.storage.courier, mails);
  h.ctx.storage.courier = courier;
  const lastCode = async (recipient: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    await courier.idle();
    const body = mails.filter((m) => m.recipient === recipient).at(-1)?.body;
    return body?.split('\n').find((line) => /^\d{6,8}$/.test(line));
  };
  return { ...h, ctx: h.ctx as IdentityContext, codes: h.ctx.storage.codes, mails, lastCode };
};
