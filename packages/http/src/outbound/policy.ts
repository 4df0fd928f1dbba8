/** Which URLs an outbound request may reach, from clients.http (names as in Hydra's config). */
import type { OlympusConfig } from '@olympus/config';

export interface OutboundPolicy {
  /** May this URL reach private, loopback and other special-use addresses? */
  allowsSpecialUse(url: URL): boolean;
  /** May this URL use plain http? (Only ever for loopback hosts; checked separately.) */
  allowsPlainHttp(url: URL): boolean;
}

export const outboundPolicy = (config: Pick<OlympusConfig, 'dev' | 'clients'>): OutboundPolicy => {
  const { disallowPrivateIpRanges, privateIpExceptionUrls } = config.clients.http;
  const allowsSpecialUse = (url: URL): boolean => !disallowPrivateIpRanges || privateIpExceptionUrls.includes(url.href);
  return { allowsSpecialUse, allowsPlainHttp: (url) => config.dev || allowsSpecialUse(url) };
};
