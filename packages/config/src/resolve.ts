/**
 * Validated input → OlympusConfig: durations to milliseconds, defaults filled in (some depend on
 * --dev or on the public URL). Secrets are left as configured; load.ts fills or demands them.
 */
import { resolve as resolvePath } from 'node:path';
import { DEFAULT_URL_PATHS, DEFAULTS } from './defaults.ts';
import { parseDuration } from './duration.ts';
import type { ConfigInput, OriginInput, TtlKey } from './input.ts';
import type { OlympusConfig, OriginConfig } from './types.ts';
import { resolveHeraSection } from './resolve-hera.ts';
import { resolveIdentitySections } from './resolve-identity.ts';

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** The port a URL listens on: explicit, or 80/443 by scheme. */
export const portOfUrl = (url: string): number => {
  const parsed = new URL(url);
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
};

const origin = (input: OriginInput | undefined, fallbackUrl: string): OriginConfig => {
  const url = withoutTrailingSlash(input?.base_url ?? fallbackUrl);
  return { url, host: input?.host ?? DEFAULTS.host, port: input?.port ?? portOfUrl(url) };
};

const ttlMs = (input: ConfigInput, key: TtlKey): number => parseDuration(input.ttl?.[key] ?? DEFAULTS.ttl[key]);

export interface ResolveOptions {
  dev: boolean;
  cwd: string;
}

export const resolveConfig = (input: ConfigInput, { dev, cwd }: ResolveOptions): OlympusConfig => {
  const dataDir = resolvePath(cwd, input.data_dir ?? DEFAULTS.dataDir);
  const publicOrigin = origin(input.serve?.public, DEFAULTS.publicUrl);
  const under = (path: string): string => publicOrigin.url + path;
  const urls = input.urls ?? {};
  return {
    dev,
    dsn: input.dsn ?? (dev ? `sqlite://${dataDir}/olympus.sqlite` : ''),
    dataDir,
    serve: {
      public: publicOrigin,
      admin: { ...origin(input.serve?.admin, DEFAULTS.adminUrl), apiKeys: input.serve?.admin?.api_keys ?? [] },
      cookies: {
        sameSite: input.serve?.cookies?.same_site ?? DEFAULTS.sameSite,
        secure: input.serve?.cookies?.secure ?? !dev,
      },
    },
    urls: {
      issuer: urls.self?.issuer ?? publicOrigin.url,
      login: urls.login ?? under(DEFAULT_URL_PATHS.login),
      consent: urls.consent ?? under(DEFAULT_URL_PATHS.consent),
      logout: urls.logout ?? under(DEFAULT_URL_PATHS.logout),
      error: urls.error ?? under(DEFAULT_URL_PATHS.error),
      postLogoutRedirect: urls.post_logout_redirect ?? under(DEFAULT_URL_PATHS.post_logout_redirect),
    },
    secrets: { system: input.secrets?.system ?? [], cookie: input.secrets?.cookie ?? [] },
    ttl: {
      accessToken: ttlMs(input, 'access_token'),
      refreshToken: ttlMs(input, 'refresh_token'),
      idToken: ttlMs(input, 'id_token'),
      authCode: ttlMs(input, 'auth_code'),
      loginConsentRequest: ttlMs(input, 'login_consent_request'),
      authenticationSession: ttlMs(input, 'authentication_session'),
    },
    oauth2: {
      exposeDebug: input.oauth2?.expose_debug ?? dev,
      refreshTokenRotationGracePeriod: parseDuration(
        input.oauth2?.refresh_token_rotation_grace_period ?? DEFAULTS.refreshTokenRotationGracePeriod,
      ),
      accessTokenStrategy: input.oauth2?.access_token_strategy ?? DEFAULTS.accessTokenStrategy,
      idTokenSigningAlg: input.oauth2?.id_token_signing_alg ?? DEFAULTS.idTokenSigningAlg,
    },
    log: { level: input.log?.level ?? DEFAULTS.logLevel },
    clients: {
      http: {
        disallowPrivateIpRanges: input.clients?.http?.disallow_private_ip_ranges ?? !dev,
        // Normalised as the fetcher compares them (`new URL(u).href`), so spelling variants still match.
        privateIpExceptionUrls: (input.clients?.http?.private_ip_exception_urls ?? []).map((u) => new URL(u).href),
      },
    },
    ...resolveIdentitySections(input, publicOrigin.url),
    hera: resolveHeraSection(input.hera, cwd),
  };
};
