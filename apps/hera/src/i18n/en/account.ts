/** Texts of the account pages (registration, recovery, verification, settings, sessions, home). */
export const ACCOUNT_EN = {
} as const;
