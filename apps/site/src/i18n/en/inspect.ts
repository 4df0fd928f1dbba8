/** The token inspector's English texts (apps/site/src/inspect). */
export const INSPECT_EN = {
  'inspect.title': 'Token inspector',
  'inspect.intro': 'Paste a JWT: it is decoded and verified here, on this server, against its own published keys (nothing leaves this origin; the token is neither logged nor stored). The keys:',
  'inspect.token': 'JWT (ID token or JWT access token)',
  'inspect.token.hint': 'Three base64url parts separated by dots. An opaque ory_at_… token can only be introspected.',
  'inspect.submit': 'Inspect',
  'inspect.empty': 'Paste a token first.',
  'inspect.kind.id_token': 'Looks like an ID token',
  'inspect.kind.access_token': 'Looks like a JWT access token',
  'inspect.kind.jwt': 'JWT',
  'inspect.kind.opaque': 'Opaque token',
} as const;
