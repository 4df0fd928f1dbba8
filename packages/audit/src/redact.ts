/**
 * What the audit log never keeps: secrets are replaced by `[redacted]` before an event is stored, so
 * neither the table nor the API answer holds one (docs/security.md AS-46). A member is secret by its
 * name, or by the object it sits in (a private JWK, a credential's config); docs/operations/audit.md
 * lists the rules for operators.
 */
export const REDACTED = '[redacted]';

/** Names that hold a secret wherever they appear: client_secret, password, hashed_password, registration_access_token, recovery_code, … */
const SECRET_NAME = /secret|passw|token|hash|recovery_code|recovery_link|api_key|private_key|totp_url/i;

/**
 * Settings named after the secret they configure, not secrets themselves (Hydra's client fields
 * `token_endpoint_auth_method`, `…_access_token_lifespan`, `client_secret_expires_at`, …).
 */
const SETTING_NAME = /(_lifespan|_auth_method|_signing_alg|_strategy|_expires_at)$/;

/** The private members of a JSON Web Key (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_JWK_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const isJwk = (owner: Record<string, unknown>): boolean => typeof owner.kty === 'string';

/** A credential (Kratos' shape: type, identifiers, config): its config holds hashes, TOTP secrets, recovery codes, provider tokens. */
const isCredential = (owner: Record<string, unknown>): boolean => Array.isArray(owner.identifiers);

/**
 * A credential under its type's name (`credentials.password`, `credentials.lookup_secret`): named
 * like a secret, but its type and identifiers are not; its config is masked by the rule above.
 */
const isCredentialOfType = (name: string, value: unknown): boolean =>
  isPlainObject(value) && isCredential(value) && value.type === name;

/** Whether the member `name` of `owner` holds a secret. */
export const isSecretMember = (name: string, owner: Record<string, unknown>): boolean =>
  (SECRET_NAME.test(name) && !SETTING_NAME.test(name) && !isCredentialOfType(name, owner[name])) ||
  (PRIVATE_JWK_MEMBERS.has(name) && isJwk(owner)) ||
  (name === 'config' && isCredential(owner));

/** A secret's value as stored: absent and null stay what they are (they reveal nothing), anything else is `[redacted]`. */
export const mask = (value: unknown): unknown => (value === undefined || value === null ? value : REDACTED);

/** A deep copy of `value` with every secret member masked. */
export const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, member]) => [name, isSecretMember(name, value) ? mask(member) : redact(member)]),
  );
};
