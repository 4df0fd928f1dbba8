/** What each requested scope means, in plain words for the consent screen. */
import type { Translator } from './i18n/translator.ts';

const KNOWN = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'] as const;

export const describeScope = (t: Translator, scope: string): string =>
  (KNOWN as readonly string[]).includes(scope) ? t.t(`scope.${scope as (typeof KNOWN)[number]}`) : t.t('scope.other', { scope });
