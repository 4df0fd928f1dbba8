/**
 * Resolves an outbound URL's host once and checks every address it resolves to against the SSRF
 * policy; the request then connects to the checked address (pinned-lookup.ts), so a second DNS
 * answer cannot swap in another address between check and connect (DNS rebinding).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { LOOPBACK_HOSTS } from '@olympus/oauth2';
import { specialUseRange } from './address-ranges.ts';
import { OutboundFailure } from './failure.ts';
import type { OutboundPolicy } from './policy.ts';

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

const withArticle = (noun: string): string => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

/** The scheme rule: https, or http towards the local machine only (RFC 9700 §2.6's loopback exception). */
const checkScheme = (url: URL, policy: OutboundPolicy): void => {
  if (url.protocol === 'https:') return;
  if (url.protocol !== 'http:') throw new OutboundFailure(`uses the ${url.protocol} scheme; Olympus fetches only https URLs`);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) {
    throw new OutboundFailure(`uses http, which Olympus fetches only from loopback hosts (${LOOPBACK_HOSTS.join(', ')}); serve it over https`);
  }
  if (!policy.allowsPlainHttp(url)) {
    throw new OutboundFailure(
      'uses http, which Olympus fetches from loopback hosts only with --dev or when private addresses are allowed ' +
        '(clients.http.disallow_private_ip_ranges: false, or the URL in clients.http.private_ip_exception_urls); serve it over https',
    );
  }
};

const resolveHost = async (host: string, signal: AbortSignal): Promise<CheckedAddress[]> => {
  if (isIP(host)) return [{ address: host, family: isIP(host) as 4 | 6 }];
  // getaddrinfo takes no AbortSignal: race it, so the overall deadline still holds.
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  signal.throwIfAborted();
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), aborted]);
    return found.map(({ address, family }) => ({ address, family: family as 4 | 6 }));
  } catch (err) {
    if (signal.aborted) throw err;
    throw new OutboundFailure(`names the host ${host}, which does not resolve (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
};

/** The address to connect to, after every address the host resolves to passed the policy. */
export const checkedAddress = async (url: URL, policy: OutboundPolicy, signal: AbortSignal): Promise<CheckedAddress> => {
  checkScheme(url, policy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = await resolveHost(host, signal);
  if (addresses.length === 0) throw new OutboundFailure(`names the host ${host}, which resolves to no address`);
  for (const { address } of addresses) {
    const range = specialUseRange(address);
    if (range === 'not an IP address') throw new OutboundFailure(`resolves to "${address}", which is not an IP address`);
    if (url.protocol === 'http:' && range !== 'loopback') {
      throw new OutboundFailure(`uses http but resolves to ${address}, which is not a loopback address; serve it over https`);
    }
    if (range !== undefined && !policy.allowsSpecialUse(url)) {
      throw new OutboundFailure(
        `resolves to ${address}, ${withArticle(range)} address; Olympus refuses it (clients.http.disallow_private_ip_ranges). ` +
          'Serve it from a public address, or list the exact URL in clients.http.private_ip_exception_urls',
      );
    }
  }
  return addresses[0];
};
