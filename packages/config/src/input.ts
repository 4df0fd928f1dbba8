/** The config file's shape after schema validation (snake_case, everything optional). */
import type { LOG_LEVELS } from './defaults.ts';

export interface OriginInput {
  base_url?: string;
  host?: string;
  port?: number;
}

export type TtlKey = 'access_token' | 'refresh_token' | 'id_token' | 'auth_code' | 'login_consent_request' | 'authentication_session';

export interface ConfigInput {
  dsn?: string;
  data_dir?: string;
  serve?: {
    public?: OriginInput;
    admin?: OriginInput & { api_keys?: string[] };
    cookies?: { same_site?: 'Lax' | 'Strict' | 'None'; secure?: boolean };
  };
  urls?: {
    self?: { issuer?: string };
    login?: string;
    consent?: string;
    logout?: string;
    error?: string;
    post_logout_redirect?: string;
  };
  secrets?: { system?: string[]; cookie?: string[] };
  ttl?: Partial<Record<TtlKey, string>>;
  oauth2?: {
    expose_debug?: boolean;
    refresh_token_rotation_grace_period?: string;
    access_token_strategy?: 'opaque' | 'jwt';
    id_token_signing_alg?: 'RS256' | 'ES256';
  };
  log?: { level?: (typeof LOG_LEVELS)[number] };
  clients?: { http?: { disallow_private_ip_ranges?: boolean; private_ip_exception_urls?: string[] } };
}
