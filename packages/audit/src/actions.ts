/**
 * The audit log's fixed vocabulary of actions: `<target>.<verb>` or `<target>.<part>.<verb>`, so a
 * prefix (`client`, `client.secret`) selects a family. docs/operations/audit.md lists the same
 * actions for operators; `satisfies` keeps every action described.
 */
export const AUDIT_ACTIONS = {
  'client.create': 'An OAuth2 client was created (POST /admin/clients).',
  'client.update': 'An OAuth2 client was replaced or patched (PUT, PATCH /admin/clients/{id}).',
  'client.delete': 'An OAuth2 client was deleted.',
  'client.secret.rotate': 'A new client secret was issued; the previous ones stay valid for the rotation window.',
  'client.secret.retire': 'The rotated client secrets were retired: only the current one stays valid.',
  'client.secret.show': "A client's secret was shown again (a sensitive read; recorded by the console).",
  'client.tokens.revoke': 'Every access token of a client was revoked (DELETE /admin/oauth2/tokens).',
  'key.create': 'A JSON Web Key was generated.',
  'key.import': 'A JSON Web Key or a whole key set was imported (PUT /admin/keys/…).',
  'key.delete': 'A JSON Web Key or a whole key set was deleted.',
  'identity.create': 'An identity was created (POST /admin/identities).',
  'identity.update': "An identity's traits, metadata or credentials were replaced or patched.",
  'identity.disable': "An identity's state was set to inactive (with whatever else the same request changed).",
  'identity.enable': "An identity's state was set back to active.",
  'identity.delete': 'An identity was deleted.',
  'identity.credential.delete': 'One credential of an identity (a second factor, a social sign-in) was removed.',
  'identity.sessions.revoke': 'Every session of an identity was revoked.',
  'session.revoke': 'One identity session was revoked.',
  'session.extend': 'One identity session was extended.',
  'consent.revoke': "A subject's consent sessions (and their tokens) were revoked.",
  'login_session.revoke': 'Remembered OAuth2 login sessions of a subject, or one by its sid, were revoked.',
  'recovery.code.create': 'A recovery code and link were created for an identity (a sensitive read: the code was shown).',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTIONS, value);

/** A family prefix or a whole action: lowercase words joined by dots. */
const ACTION_FILTER = /^[a-z_]+(\.[a-z_]+)*$/;

/**
 * Reads an action filter: a whole action, or a family prefix written `client`, `client.` or
 * `client.*`. Undefined when it is not of that shape, so the edge can say what is allowed.
 */
export const readActionFilter = (raw: string): string | undefined => {
  const prefix = raw.replace(/\.\*?$/, '');
  return ACTION_FILTER.test(prefix) ? prefix : undefined;
};

/** Whether `action` is `filter` itself or in its family (`client.secret` holds `client.secret.rotate`). */
export const actionMatches = (action: string, filter: string): boolean => action === filter || action.startsWith(`${filter}.`);
