/**
 * The identity server's sections of the resolved config: durations to milliseconds, UI URLs below
 * the public origin unless configured, every other default from identity-defaults.ts.
 */
import { parseDuration } from './duration.ts';
import { ARGON2_MINIMUM, IDENTITY_DEFAULTS as D, SELFSERVICE_UI_PATHS as P } from './identity-defaults.ts';
import type { IdentityInput } from './input.ts';
import type { OlympusConfig } from './types.ts';

type IdentitySections = Pick<OlympusConfig, 'identity' | 'selfservice' | 'session' | 'hashers' | 'courier' | 'protection'>;

const ms = (value: string | undefined, fallback: string): number => parseDuration(value ?? fallback);

export const resolveIdentitySections = (input: IdentityInput, publicUrl: string): IdentitySections => {
  const under = (path: string): string => publicUrl + path;
  const flows = input.selfservice?.flows ?? {};
  const methods = input.selfservice?.methods ?? {};
  const flow = (given: { ui_url?: string; lifespan?: string } | undefined, path: string) => ({
    uiUrl: given?.ui_url ?? under(path),
    lifespan: ms(given?.lifespan, D.flowLifespan),
  });
  const argon2 = input.hashers?.argon2 ?? {};
  const smtp = input.courier?.smtp ?? {};
  return {
    identity: {
      defaultSchemaId: input.identity?.default_schema_id ?? D.defaultSchemaId,
      schemas: (input.identity?.schemas ?? []).map(({ id, url }) => ({ id, url })),
    },
    selfservice: {
      defaultBrowserReturnUrl: input.selfservice?.default_browser_return_url ?? under('/'),
      allowedReturnUrls: input.selfservice?.allowed_return_urls ?? [],
      flows: {
        login: flow(flows.login, P.login),
        registration: { ...flow(flows.registration, P.registration), enabled: flows.registration?.enabled ?? true },
        settings: {
          ...flow(flows.settings, P.settings),
          privilegedSessionMaxAge: ms(flows.settings?.privileged_session_max_age, D.privilegedSessionMaxAge),
          requiredAal: flows.settings?.required_aal ?? D.settingsRequiredAal,
        },
        recovery: { ...flow(flows.recovery, P.recovery), enabled: flows.recovery?.enabled ?? true },
        verification: { ...flow(flows.verification, P.verification), enabled: flows.verification?.enabled ?? true },
        error: { uiUrl: flows.error?.ui_url ?? under(P.error) },
      },
      methods: {
        password: {
          minLength: methods.password?.min_length ?? D.password.minLength,
          maxBytes: methods.password?.max_bytes ?? D.password.maxBytes,
          identifierSimilarityCheck: methods.password?.identifier_similarity_check ?? D.password.identifierSimilarityCheck,
          commonPasswordCheck: methods.password?.common_password_check ?? D.password.commonPasswordCheck,
        },
        totp: { enabled: methods.totp?.enabled ?? true, issuer: methods.totp?.issuer ?? D.totpIssuer },
        lookupSecret: { enabled: methods.lookup_secret?.enabled ?? true },
        code: {
          lifespan: ms(methods.code?.lifespan, D.code.lifespan),
          maxAttempts: methods.code?.max_attempts ?? D.code.maxAttempts,
        },
      },
    },
    session: {
      lifespan: ms(input.session?.lifespan, D.session.lifespan),
      cookieName: input.session?.cookie?.name ?? D.session.cookieName,
      whoamiRequiredAal: input.session?.whoami?.required_aal ?? D.session.whoamiRequiredAal,
    },
    hashers: {
      argon2: {
        // The schema already refuses lower values; Math.max keeps the floor for configs built in code.
        memoryKiB: Math.max(argon2.memory ?? ARGON2_MINIMUM.memoryKiB, ARGON2_MINIMUM.memoryKiB),
        iterations: Math.max(argon2.iterations ?? ARGON2_MINIMUM.iterations, ARGON2_MINIMUM.iterations),
        parallelism: Math.max(argon2.parallelism ?? ARGON2_MINIMUM.parallelism, ARGON2_MINIMUM.parallelism),
      },
    },
    courier: {
      smtpConnectionUri: smtp.connection_uri ?? '',
      fromAddress: smtp.from_address ?? D.courier.fromAddress,
      fromName: smtp.from_name ?? D.courier.fromName,
    },
    protection: {
      loginFailuresBeforeLockout: input.protection?.login?.failures_before_lockout ?? D.lockout.failures,
      lockout: ms(input.protection?.login?.lockout, D.lockout.duration),
    },
  };
};
