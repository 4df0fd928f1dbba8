/**
 * A GET on behalf of a client, guarded against SSRF: https (http only to loopback, when allowed),
 * every resolved address checked and the checked one connected to, one deadline over DNS, connect
 * and body, a body cap, no redirects. Every failure is an OutboundFailure naming the cause.
 */
import { boundedGet } from './bounded-get.ts';
import { checkedAddress } from './checked-address.ts';
import { OutboundFailure } from './failure.ts';
import type { OutboundPolicy } from './policy.ts';

export interface OutboundLimits {
  timeoutMs: number;
  maxBytes: number;
}

const describe = (err: unknown, signal: AbortSignal, limits: OutboundLimits): OutboundFailure => {
  if (err instanceof OutboundFailure) return err;
  if (signal.aborted) return new OutboundFailure(`did not answer within ${limits.timeoutMs / 1000} s`);
  const { code, message } = err as NodeJS.ErrnoException;
  return new OutboundFailure(`could not be reached (${code ?? message})`);
};

export const guardedGet = async (url: URL, policy: OutboundPolicy, limits: OutboundLimits, headers: Record<string, string> = {}): Promise<Buffer> => {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const target = await checkedAddress(url, policy, signal);
    return await boundedGet(url, target, limits.maxBytes, signal, headers);
  } catch (err) {
    throw describe(err, signal, limits);
  }
};
