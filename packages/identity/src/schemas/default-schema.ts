/**
 * The built-in `default` identity schema: an email that is the password, code and TOTP identifier
 * and is verified and used for recovery, plus an optional first and last name. Our own wording of
 * the usual Kratos preset (docs/compatibility.md §4.2).
 */
export const DEFAULT_SCHEMA_ID = 'default';

export const defaultIdentitySchema = (): Record<string, unknown> => ({
  $id: 'https://olympus.dev/schemas/identity.default.json',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Person',
  type: 'object',
  properties: {
    traits: {
      type: 'object',
      properties: {
        email: {
          type: 'string',
          format: 'email',
          title: 'E-Mail',
          minLength: 3,
          maxLength: 320,
          'ory.sh/kratos': {
            credentials: {
              password: { identifier: true },
              code: { identifier: true, via: 'email' },
              totp: { account_name: true },
            },
            verification: { via: 'email' },
            recovery: { via: 'email' },
          },
        },
        name: {
          type: 'object',
          properties: {
            first: { type: 'string', title: 'First name', maxLength: 256 },
            last: { type: 'string', title: 'Last name', maxLength: 256 },
          },
          additionalProperties: false,
        },
      },
      required: ['email'],
      additionalProperties: false,
    },
  },
});
