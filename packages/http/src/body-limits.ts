/**
 * How large a request body Olympus reads, by media type, the same on every route of both origins.
 * OAuth2 and self-service forms are small (RFC 6749 §4.1.3, §4.4.2: a handful of short parameters);
 * JSON bodies carry client metadata with inline JWKS (RFC 7591 §2) or identities with their traits.
 */
export const FORM_BODY_LIMIT = 64 * 1024;
export const JSON_BODY_LIMIT = 1024 * 1024;

/** What a refused client reads in the hint (413, errors.ts). */
export const BODY_LIMIT_HINT = 'Form bodies (application/x-www-form-urlencoded) are limited to 64 KiB and JSON bodies to 1 MiB; send a smaller body.';
