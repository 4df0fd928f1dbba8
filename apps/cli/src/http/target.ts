/**
 * Where requests go and which headers they carry, from flags and environment.
 * The admin credential is only ever attached to the admin API, never sent to the public origin.
 */
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import { UsageError } from '../errors.ts';

export interface ApiTarget {
  api: 'admin' | 'public';
  /** Without a trailing slash; may carry a path prefix (a gateway mount point). */
  baseUrl: string;
  headers: Headers;
}

export const DEFAULT_ADMIN_URL = 'http://localhost:4445';
export const DEFAULT_PUBLIC_URL = 'http://localhost:4444';

const checkedBaseUrl = (value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`flag --endpoint needs an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`flag --endpoint needs an http or https URL, got "${value}"`);
  }
  return url.href.replace(/\/+$/, '');
};

/** `-H "Name: value"` as curl and hydra take it. */
const parseHeader = (raw: string): [string, string] => {
  const colon = raw.indexOf(':');
  const name = colon > 0 ? raw.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new UsageError(`flag --http-header needs "Name: value", got "${raw}"`);
  }
  return [name, raw.slice(colon + 1).trim()];
};

const headersFrom = (flags: Flags, base: Record<string, string>): Headers => {
  const headers = new Headers(base);
  for (const raw of flags.all('http-header') ?? []) headers.set(...parseHeader(raw));
  return headers;
};

const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

export const adminTarget = (flags: Flags, io: Io): ApiTarget => {
  const endpoint =
    flags.string('endpoint') ?? nonEmpty(io.env.ORY_SDK_URL) ?? nonEmpty(io.env.OLYMPUS_ADMIN_URL) ?? DEFAULT_ADMIN_URL;
  const apiKey = flags.string('api-key') ?? nonEmpty(io.env.OLYMPUS_ADMIN_API_KEY);
  const base: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  return { api: 'admin', baseUrl: checkedBaseUrl(endpoint), headers: headersFrom(flags, base) };
};

export const publicTarget = (flags: Flags, io: Io): ApiTarget => {
  const endpoint = flags.string('endpoint') ?? nonEmpty(io.env.OLYMPUS_PUBLIC_URL) ?? DEFAULT_PUBLIC_URL;
  return { api: 'public', baseUrl: checkedBaseUrl(endpoint), headers: headersFrom(flags, {}) };
};
