/**
 * What a trace event never stores (docs/security.md AS-50): a token, secret, password, code, verifier
 * or whole cookie. Evidence is checked twice: by the member's name (a `password` or `csrf_cookie`
 * member may only say whether it was there or matched: a boolean, a number or null) and by the value's
 * shape (a JWT, an `ory_` token, a `name=value` cookie pair, any long high-entropy run), so a value
 * that slips in under an innocent name is still refused. A refused value becomes `[redacted]`.
 */
export const REDACTED = '[redacted]';

/** Names of members that hold a secret when they hold a string. */
const SECRET_NAME = /token|secret|passw|code|verifier|cookie|assertion|credential|hash|private|otp|authorization/i;

/**
 * Names that only sound like secrets: the method a client authenticates with, a PKCE method, a
 * count or a message id; the state and times of a code or token (`code_state`, `code_first_used_at`)
 * and the names of an ID token's claims (`id_token_claims`). Their strings still pass the shape check.
 */
const SETTING_NAME = /(_auth_method|_methods?|_challenge_method|_count|_status|code_ids|_type|_state|_at|_claims|_claims_omitted)$/;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A compact JWS/JWE: base64url segments joined by dots, starting with an encoded `{"`. */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\./;

/** Olympus' and Hydra's opaque tokens and codes: `ory_at_…`, `ory_rt_…`, `ory_ac_…`. */
const ORY_TOKEN = /ory_[a-z]{2}_/;

/** A cookie pair or header: `name=value` whose value is long (a session cookie, a CSRF secret). */
const COOKIE_PAIR = /(?:^|[;\s])[\w.-]+=[^;\s]{16,}/;

/** A run of 20 or more token characters mixing at least two of lower case, upper case and digits: random secrets, hashes, codes. */
const HIGH_ENTROPY_RUN = /[A-Za-z0-9_~+=.-]{20,}/g;

const isHighEntropy = (run: string): boolean => [/[a-z]/, /[A-Z]/, /[0-9]/].filter((kind) => kind.test(run)).length >= 2;

/** Whether a string looks like a token, secret, code, verifier or cookie, whatever it is called. */
export const looksSecret = (value: string): boolean => {
  // UUIDs name things (clients, identities, flows); they are ids, not secrets.
  const withoutIds = value.replace(UUID, ' ');
  if (JWT.test(withoutIds) || ORY_TOKEN.test(withoutIds) || COOKIE_PAIR.test(withoutIds)) return true;
  return (withoutIds.match(HIGH_ENTROPY_RUN) ?? []).some(isHighEntropy);
};

const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && !SETTING_NAME.test(name);

const isFlag = (value: unknown): boolean => typeof value === 'boolean' || typeof value === 'number' || value === null || value === undefined;

const redactValue = (value: unknown, secretName: boolean): unknown => {
  if (secretName && !isFlag(value)) return REDACTED;
  if (typeof value === 'string') return looksSecret(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secretName));
  if (typeof value === 'object' && value !== null) return redactEvidence(value as Record<string, unknown>);
  return value;
};

/** Members that list the names (never the values) of the cookies a request carried. */
const COOKIE_NAME_LIST = /^cookies_received$/;

/**
 * A cookie name is words joined by `_`, `.` or `-`, maybe behind an RFC 6265bis §4.1.3 prefix
 * (`__Host-olympus_oauth2_session`): judged word by word, so a long name is no random run, while a
 * token, a JWT or a random value smuggled in as a name still is.
 */
const isCookieName = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 64 && /^[\w.-]+$/.test(value) && !ORY_TOKEN.test(value) &&
  !value.replace(/^__(?:Host|Secure)-/, '').split(/[_.-]+/).some(looksSecret);

const redactMember = (name: string, value: unknown): unknown =>
  COOKIE_NAME_LIST.test(name) && Array.isArray(value) ? value.map((item) => (isCookieName(item) ? item : REDACTED)) : redactValue(value, isSecretName(name));

/** A deep copy of `evidence` in which nothing looks like a secret, by name or by value. */
export const redactEvidence = (evidence: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(evidence).map(([name, value]) => [name, redactMember(name, value)]));
