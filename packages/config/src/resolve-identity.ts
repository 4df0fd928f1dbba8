/**
 * The identity server's sub-sections that OlympusConfig reads flattened: `session.cookieName` for
 * `session.cookie.name`, `courier.fromAddress` for `courier.smtp.from_address`, and so on. Each takes
 * the keys it renames and spreads the rest, so a key added to the schema still reaches OlympusConfig.
 */
import type { ConfigValues } from './decode.ts';
import { ARGON2_MINIMUM } from './schema-identity.ts';

type Prefixed<Prefix extends string, Values> = { [Key in keyof Values & string as `${Prefix}${Capitalize<Key>}`]: Values[Key] };

/** `{ name }` under `cookie` → `{ cookieName }`. */
const prefixed = <Prefix extends string, Values extends object>(prefix: Prefix, values: Values): Prefixed<Prefix, Values> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [prefix + key[0].toUpperCase() + key.slice(1), value])) as Prefixed<Prefix, Values>;

type Values = ConfigValues;

export const resolveSession = ({ cookie, whoami, ...session }: Values['session']) => ({
  ...session,
  ...prefixed('cookie', cookie),
  ...prefixed('whoami', whoami),
});

export const resolveHashers = ({ argon2: { memory, iterations, parallelism, ...argon2 }, ...hashers }: Values['hashers']) => ({
  ...hashers,
  argon2: {
    ...argon2,
    // The schema already refuses lower values; Math.max keeps the floor should a value ever bypass it.
    memoryKiB: Math.max(memory, ARGON2_MINIMUM.memoryKiB),
    iterations: Math.max(iterations, ARGON2_MINIMUM.iterations),
    parallelism: Math.max(parallelism, ARGON2_MINIMUM.parallelism),
  },
});

export const resolveCourier = ({ smtp: { connectionUri, ...sender }, ...courier }: Values['courier']) => ({
  ...courier,
  ...sender,
  /** Empty: messages stay in the store (the dev inbox). */
  smtpConnectionUri: connectionUri,
});

export const resolveProtection = ({ login: { failuresBeforeLockout, ...login }, ...protection }: Values['protection']) => ({
  ...protection,
  ...login,
  /** Failed logins per identifier before a temporary lockout (of `lockout` milliseconds). */
  loginFailuresBeforeLockout: failuresBeforeLockout,
});
