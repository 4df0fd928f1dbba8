/**
 * TOTP per RFC 6238 with the parameters every authenticator app supports: HMAC-SHA-1, 6 digits,
 * 30-second steps (§4, §5.2), a code accepted one step either side for clock drift (§6;
 * docs/security.md ID-14). The otpauth:// URL (Key Uri Format) carries the secret, issuer and
 * account name; it is stored only sealed (AES-GCM under the system secrets).
 */
import { Secret, TOTP, URI } from 'otpauth';
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { identifiersOf } from '../../schemas/traits.ts';

export const TOTP_PERIOD_MS = 30_000;
/** RFC 4226 §4 R6 recommends a 160-bit shared secret. */
const SECRET_BYTES = 20;
const SEALED_URL = 'identity-totp-url';

/** What authenticator apps show under the issuer: the trait marked `credentials.totp.account_name`, else the id. */
const accountNameOf = (ctx: IdentityContext, identity: Identity): string => {
  const schema = loadSchemas(ctx.config).get(identity.schema_id);
  return (schema && identifiersOf(schema, identity.traits).totpAccountName) || identity.id;
};

export const newTotp = (ctx: IdentityContext, identity: Identity): TOTP =>
  new TOTP({
    issuer: ctx.config.selfservice.methods.totp.issuer,
    label: accountNameOf(ctx, identity),
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_MS / 1000,
    secret: new Secret({ size: SECRET_BYTES }),
  });

export const sealTotp = (ctx: IdentityContext, totp: TOTP): string => ctx.sealer.seal(totp.toString(), SEALED_URL);

/** The TOTP a sealed URL holds; undefined when it cannot be opened (altered, or its secret retired). */
export const openTotp = (ctx: IdentityContext, sealed: unknown): TOTP | undefined => {
  if (typeof sealed !== 'string') return undefined;
  const url = ctx.sealer.open(sealed, SEALED_URL);
  if (url === undefined) return undefined;
  const parsed = URI.parse(url);
  return parsed instanceof TOTP ? parsed : undefined;
};

/**
 * The time step (RFC 6238 §4.2 T) the code belongs to, or undefined when it matches none of the
 * current step and its two neighbours. otpauth compares in constant time.
 */
export const matchingStep = (totp: TOTP, code: string, now: number): number | undefined => {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now }) + delta;
};
