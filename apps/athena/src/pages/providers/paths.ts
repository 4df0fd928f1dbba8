/**
 * Where a provider's dry run lives on the admin origin. The provider sends the browser back to the
 * callback, which must be registered at the provider as a redirect URI of the client (RFC 6749 §3.1.2).
 */
import type { OlympusConfig } from '@olympus/config';

const base = (providerId: string): string => `/providers/${encodeURIComponent(providerId)}/dry-run`;

export const dryRunStartPath = base;
export const dryRunCallbackPath = (providerId: string): string => `${base(providerId)}/callback`;
export const dryRunResultPath = (providerId: string): string => `${base(providerId)}/result`;
export const dryRunCallbackUrl = (config: OlympusConfig, providerId: string): string =>
  new URL(dryRunCallbackPath(providerId), config.serve.admin.url).toString();
