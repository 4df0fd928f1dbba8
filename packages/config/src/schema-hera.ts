/**
 * Schema of the `hera` section: the login/consent/account UI's branding, languages, first-party
 * clients and the identity-trait → OIDC-claim mapping per identity schema.
 */
import { Type } from '@sinclair/typebox';
import { PRODUCT_NAME } from './schema-identity.ts';
import { choice, section, text, withDefault } from './schema-nodes.ts';

const HERA_LOCALES = ['en', 'de'] as const;

/** The defaults pass WCAG AA contrast with each other (axe-core checks the pages). */
const colour = (what: string, value: string) =>
  text(
    `${what}, as \`#rrggbb\`. Keep contrasts of at least 4.5:1 (WCAG 2.2 §1.4.3) between text and background, and between primary and white.`,
    value,
    { pattern: '^#[0-9a-fA-F]{6}$' },
  );

/**
 * Claims no trait may supply: those the OAuth2 server sets itself (OIDC Core §2), and the verified
 * flags, which only the identity server's verified addresses vouch for — traits are the user's own to
 * edit in settings, so a mapped flag would let anyone verify their own address.
 */
export const UNMAPPABLE_CLAIMS: readonly string[] = [
  'iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'at_hash', 'c_hash', 'sid', 'acr', 'amr', 'rat', 'azp',
  'email_verified', 'phone_number_verified',
];

/** A trait path: dot-separated property names below `traits`, e.g. `name.first`. */
export const TRAIT_PATH_PATTERN = '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$';

/** Schema id → OIDC claim → trait path: a map of user-chosen keys, so plain JSON Schema rather than a section. */
const claims = Type.Unsafe<Record<string, Record<string, string>>>({
  type: 'object',
  description:
    'Per identity schema id, OIDC claim → trait path (e.g. `{ default: { phone_number: phone } }`). Merged over the built-in mapping ' +
    '(email → `email`, name → `name` or `name.first` + `name.last`, phone_number → `phone`, …); a standard claim is released only under its OIDC scope (email, profile, phone, address), any other claim only under a scope of its own name. `sub`, `iss` and the other server-set claims, and `email_verified`/`phone_number_verified` (only verified addresses vouch for them), cannot be mapped.',
  propertyNames: { minLength: 1 },
  additionalProperties: {
    type: 'object',
    // Claims the server sets, and the verified flags only verified addresses vouch for (traits are user-editable).
    propertyNames: { not: { enum: UNMAPPABLE_CLAIMS } },
    additionalProperties: { type: 'string', pattern: TRAIT_PATH_PATTERN },
  },
});

export const heraSchemaSection = {
  hera: section('Hera, the login, consent and account pages served on the public origin.', {
    product_name: text('Name shown in page titles and headers.', PRODUCT_NAME, { minLength: 1, maxLength: 60 }),
    logo: withDefault(
      Type.String({
        pattern: '^(|file://.+)$',
        description:
          "Logo shown in the page header: `file://<path>` to an SVG, PNG or WebP image (served from the public origin, so the CSP stays `img-src 'self'`). Empty: the product name only.",
        'x-default': 'none',
      }),
      '',
    ),
    colors: section('Page colours.', {
      primary: colour('Buttons and links', '#1d4ed8'),
      background: colour('Page background', '#ffffff'),
      text: colour('Body text', '#1f2328'),
    }),
    default_locale: choice(HERA_LOCALES, 'Language when neither `ui_locales` nor `Accept-Language` names a supported one.', 'en'),
    first_party_clients: withDefault(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Client ids whose consent is granted without asking the user (your own apps), like `skip_consent` on the client.',
      }),
      [],
    ),
    claims: withDefault(claims, {}),
  }),
};
