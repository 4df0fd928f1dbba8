import type { LOGOUT_EN } from '../en/logout.ts';

export const LOGOUT_DE: Record<keyof typeof LOGOUT_EN, string> = {
};
