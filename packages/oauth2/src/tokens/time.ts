/** JWT NumericDate and `expires_in` are whole seconds (RFC 7519 §2); Olympus keeps milliseconds. */
export const toSeconds = (ms: number): number => Math.floor(ms / 1000);
