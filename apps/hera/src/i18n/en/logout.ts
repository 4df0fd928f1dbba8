/** Texts of the logout page. */
export const LOGOUT_EN = {
} as const;
