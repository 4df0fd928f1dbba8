/**
 * Decoded values (decode.ts) → OlympusConfig. Most keys pass through as decoded: camelCase, durations
 * in milliseconds, defaults filled in. This step changes only what differs from the file: origin URLs
 * without a trailing slash and their listen ports, absolute paths, normalised exception URLs, the
 * issuer and DSN defaults, and the identity sub-sections read flattened (resolve-identity.ts). Each
 * step takes the keys it changes and spreads the rest, so a key added to the schema reaches
 * OlympusConfig (and its type, types.ts) without an edit here. Secrets are left as configured;
 * load.ts fills or demands them.
 */
import { hostname } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeConfig, withoutTrailingSlash, type ConfigValues } from './decode.ts';
import type { ConfigInput } from './input.ts';
import { resolveCourier, resolveHashers, resolveProtection, resolveSession } from './resolve-identity.ts';

/** The port a URL listens on: explicit, or 80/443 by scheme. */
export const portOfUrl = (url: string): number => {
  const parsed = new URL(url);
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
};

const origin = <Origin extends ConfigValues['serve']['public']>({ baseUrl, host, port, ...rest }: Origin) => {
  const url = withoutTrailingSlash(baseUrl);
  return { ...rest, url, host, port: port ?? portOfUrl(url) };
};

const logoPath = (logo: string, cwd: string): string => {
  if (!logo) return '';
  // file:///abs/path is a URL; file://relative/path is read relative to the working directory.
  return logo.startsWith('file:///') ? fileURLToPath(logo) : resolvePath(cwd, logo.slice('file://'.length));
};

/** Normalised as the fetcher compares them (`new URL(u).href`), so spelling variants still match. */
const comparableUrl = (url: string): string => new URL(url).href;

export interface ResolveOptions {
  dev: boolean;
  cwd: string;
}

export const resolveConfig = (input: ConfigInput, { dev, cwd }: ResolveOptions) => {
  const { dsn, dataDir, serve, urls, clients, session, hashers, courier, protection, hera, ...asDecoded } = decodeConfig(input, { dev });
  const absoluteDataDir = resolvePath(cwd, dataDir);
  const publicOrigin = origin(serve.public);
  const { self, ...pages } = urls;
  return {
    ...asDecoded,
    dev,
    dsn: dsn ?? (dev ? `sqlite://${absoluteDataDir}/olympus.sqlite` : ''),
    dataDir: absoluteDataDir,
    serve: { ...serve, public: publicOrigin, admin: origin(serve.admin), nodeId: serve.nodeId ?? `${hostname()}:${process.pid}` },
    urls: { ...pages, ...self, issuer: self.issuer ?? publicOrigin.url },
    clients: { ...clients, http: { ...clients.http, privateIpExceptionUrls: clients.http.privateIpExceptionUrls.map(comparableUrl) } },
    session: resolveSession(session),
    hashers: resolveHashers(hashers),
    courier: resolveCourier(courier),
    protection: resolveProtection(protection),
    hera: { ...hera, logo: logoPath(hera.logo, cwd) },
  };
};
