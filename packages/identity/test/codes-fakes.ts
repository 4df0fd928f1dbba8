/** An in-memory OneTimeCodeStore and courier queue, and a harness with both, for the code-flow tests. */
import type { OlympusConfig } from '@olympus/config';
import type { CourierMessage, IdentityContext, OneTimeCode, OneTimeCodeStore } from '../src/index.ts';
import { harness, type Harness } from './sessions-fakes.ts';

export class MemoryCodeStore implements OneTimeCodeStore {
  readonly codes = new Map<string, OneTimeCode>();
  readonly submissions = new Map<string, number>();

  async createCode(code: OneTimeCode): Promise<void> {
    this.codes.set(code.id, structuredClone(code));
  }
  async liveCodesOfFlow(flowId: string, now: number): Promise<OneTimeCode[]> {
    return [...this.codes.values()].filter((c) => c.flowId === flowId && c.usedAt === null && c.expiresAt > now).reverse().map((c) => structuredClone(c));
  }
  async useCode(id: string, now: number): Promise<boolean> {
    const code = this.codes.get(id);
    if (code === undefined || code.usedAt !== null || code.expiresAt <= now) return false;
    code.usedAt = now;
    return true;
  }
  async revokeCodesOfFlow(flowId: string, now: number): Promise<number> {
    let count = 0;
    for (const code of this.codes.values()) {
      if (code.flowId === flowId && code.usedAt === null) {
        code.usedAt = now;
        count++;
      }
    }
    return count;
  }
  async countSubmission(flowId: string): Promise<number> {
    const count = (this.submissions.get(flowId) ?? 0) + 1;
    this.submissions.set(flowId, count);
    return count;
  }
}

export interface CodeHarness extends Harness {
  codes: MemoryCodeStore;
  mails: CourierMessage[];
  /** The code of the newest mail to `recipient` (mails are queued just after the answer). */
  lastCode(recipient: string): Promise<string | undefined>;
}

export const codeHarness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c): CodeHarness => {
  const h = harness(customize);
  const codes = new MemoryCodeStore();
  const mails: CourierMessage[] = [];
  const storage = h.ctx.storage as unknown as Record<string, unknown>;
  storage.codes = codes;
  storage.courier = { enqueue: async (m: CourierMessage) => void mails.push(m) };
  const lastCode = async (recipient: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    const body = mails.filter((m) => m.recipient === recipient).at(-1)?.body;
    return body?.split('\n').find((line) => /^\d{6,8}$/.test(line));
  };
  return { ...h, ctx: h.ctx as IdentityContext, codes, mails, lastCode };
};
