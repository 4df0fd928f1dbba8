import type { OlympusConfig } from '@olympus/config';
import type { CookiePolicy } from './cookies.ts';

export const cookiePolicyOf = (config: OlympusConfig): CookiePolicy => ({
  secure: config.serve.cookies.secure,
  sameSite: config.serve.cookies.sameSite,
});
