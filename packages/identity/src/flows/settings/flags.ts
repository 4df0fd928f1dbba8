/**
 * Kratos' settings buttons are named flags (`totp_unlink`, `lookup_secret_regenerate`, …): `true` in
 * JSON bodies, the string "true" in HTML forms.
 */
export const flagSet = (value: unknown): boolean => value === true || value === 'true';
