import type { ACCOUNT_EN } from '../en/account.ts';

export const ACCOUNT_DE: Record<keyof typeof ACCOUNT_EN, string> = {
};
