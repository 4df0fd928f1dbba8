/**
 * The ProviderHttpPort of @olympus/identity (social sign-in): discovery, JWKS, the token endpoint and user APIs of a
 * configured OpenID Connect provider, each through the SSRF guard of this folder (clients.http.*:
 * https, loopback over http only with --dev or where private addresses are allowed; docs/security.md).
 */
import type { OlympusConfig } from '@olympus/config';
import type { ProviderHttpPort } from '@olympus/identity';
import { boundedPost } from './bounded-post.ts';
import { checkedAddress } from './checked-address.ts';
import { OutboundFailure } from './failure.ts';
import { guardedGet, type OutboundLimits } from './guarded-get.ts';
import { outboundPolicy } from './policy.ts';

export const PROVIDER_LIMITS: OutboundLimits = { timeoutMs: 5000, maxBytes: 256 * 1024 };

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new OutboundFailure('answered with a body that is not JSON');
  }
};

export const createProviderHttp = (config: Pick<OlympusConfig, 'dev' | 'clients'>, limits: OutboundLimits = PROVIDER_LIMITS): ProviderHttpPort => {
  const policy = outboundPolicy(config);
  const absolute = (url: string): URL => {
    if (!URL.canParse(url)) throw new OutboundFailure('is not an absolute URL');
    return new URL(url);
  };
  return {
    getJson: async (url, headers) => parseJson(await guardedGet(absolute(url), policy, limits, headers)),
    postForm: async (url, form, headers) => {
      const target = absolute(url);
      const signal = AbortSignal.timeout(limits.timeoutMs);
      try {
        const address = await checkedAddress(target, policy, signal);
        const answer = await boundedPost(target, address, new URLSearchParams(form).toString(), headers, limits.maxBytes, signal);
        return { status: answer.status, body: answer.body.length === 0 ? null : parseJson(answer.body) };
      } catch (err) {
        if (err instanceof OutboundFailure) throw err;
        if (signal.aborted) throw new OutboundFailure(`did not answer within ${limits.timeoutMs / 1000} s`);
        throw new OutboundFailure(`could not be reached (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    },
  };
};
