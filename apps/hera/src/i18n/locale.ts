/**
 * Which of Hera's languages a page uses: the authorization request's `ui_locales` first (OIDC Core
 * §3.1.2.1, space-separated, in order of preference), then the browser's Accept-Language (RFC 9110
 * §12.5.4, q-weighted), then the configured default. Tags match on their primary subtag (de-AT → de).
 */
import type { OlympusConfig } from '@olympus/config';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const supported = (tag: string): Locale | undefined => {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : undefined;
};

const fromUiLocales = (uiLocales: string | undefined): Locale | undefined => {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return undefined;
};

const fromAcceptLanguage = (header: string | undefined): Locale | undefined => {
  const ranges = (header ?? '').split(',').map((part, index) => {
    const [tag, ...params] = part.split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
  });
  ranges.sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag, weight } of ranges) {
    const locale = weight > 0 ? supported(tag) : undefined;
    if (locale) return locale;
  }
  return undefined;
};

/** ui_locales from an authorization request URL, when the page serves one. */
export const uiLocalesOf = (requestUrl: string | undefined): string | undefined => {
  if (!requestUrl) return undefined;
  try {
    return new URL(requestUrl).searchParams.get('ui_locales') ?? undefined;
  } catch {
    return undefined;
  }
};

export const pickLocale = (config: OlympusConfig, acceptLanguage: string | undefined, uiLocales?: string): Locale =>
  fromUiLocales(uiLocales) ?? fromAcceptLanguage(acceptLanguage) ?? config.hera.defaultLocale;
