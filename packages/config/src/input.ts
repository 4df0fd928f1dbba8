/** The config file's shape after schema validation (snake_case, everything optional). */
import type { LOG_LEVELS } from './defaults.ts';
import type { HeraLocale } from './hera-defaults.ts';

export interface OriginInput {
  base_url?: string;
  host?: string;
  port?: number;
}

export type TtlKey = 'access_token' | 'refresh_token' | 'id_token' | 'auth_code' | 'login_consent_request' | 'authentication_session';

export interface ConfigInput extends IdentityInput {
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
  hera?: HeraInput;
}

export interface HeraInput {
  product_name?: string;
  logo?: string;
  colors?: { primary?: string; background?: string; text?: string };
  default_locale?: HeraLocale;
  first_party_clients?: string[];
  claims?: Record<string, Record<string, string>>;
}

type Aal = 'aal1' | 'highest_available';
interface FlowInput {
  ui_url?: string;
  lifespan?: string;
}

/** The identity server's sections of the config file (schema-identity.ts). */
export interface IdentityInput {
  identity?: { default_schema_id?: string; schemas?: Array<{ id: string; url: string }> };
  selfservice?: {
    default_browser_return_url?: string;
    allowed_return_urls?: string[];
    flows?: {
      login?: FlowInput;
      registration?: FlowInput & { enabled?: boolean };
      settings?: FlowInput & { privileged_session_max_age?: string; required_aal?: Aal };
      recovery?: FlowInput & { enabled?: boolean };
      verification?: FlowInput & { enabled?: boolean };
      error?: { ui_url?: string };
    };
    methods?: {
      password?: { min_length?: number; max_bytes?: number; identifier_similarity_check?: boolean; common_password_check?: boolean };
      totp?: { enabled?: boolean; issuer?: string };
      lookup_secret?: { enabled?: boolean };
      code?: { lifespan?: string; max_attempts?: number };
    };
  };
  session?: { lifespan?: string; cookie?: { name?: string }; whoami?: { required_aal?: Aal } };
  hashers?: { argon2?: { memory?: number; iterations?: number; parallelism?: number } };
  courier?: { smtp?: { connection_uri?: string; from_address?: string; from_name?: string } };
  protection?: { login?: { failures_before_lockout?: number; lockout?: string } };
}
