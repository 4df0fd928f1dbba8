/** Athena's texts in the browser's language (Accept-Language), English or German; `{name}` placeholders. */
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { DE } from './de.ts';
import { EN, type MessageKey } from './en.ts';

export type Locale = 'en' | 'de';
const CATALOGS: Record<Locale, Readonly<Record<MessageKey, string>>> = { en: EN, de: DE };

export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string;
}

/** The best supported language of Accept-Language (RFC 9110 §12.5.4), else English. */
export const localeOf = (req: FastifyRequest): Locale =>
  (new Negotiator({ headers: { 'accept-language': String(req.headers['accept-language'] ?? '') } }).language(Object.keys(CATALOGS)) as Locale | undefined) ?? 'en';

export const translatorFor = (req: FastifyRequest): Translator => {
  const locale = localeOf(req);
  const catalog = CATALOGS[locale];
  return {
    locale,
    t: (key, vars) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars?.[name] === undefined ? whole : String(vars[name]))),
  };
};
