/**
 * Texts of a server-rendered page in the browser's language: the best of the catalogs' languages
 * that Accept-Language asks for (RFC 9110 §12.5.4), else the first catalog's; `{name}` placeholders.
 * Athena and the playground each bring their own catalogs (English and German).
 */
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

export interface PageTranslator<Key extends string, Locale extends string> {
  readonly locale: Locale;
  t(key: Key, vars?: Readonly<Record<string, string | number>>): string;
}

const fill = (template: string, vars: Readonly<Record<string, string | number>> | undefined): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars?.[name] === undefined ? whole : String(vars[name])));

/** A function answering a request's translator over `catalogs` (the first is the fallback language). */
export const pageTranslators = <Key extends string, Locale extends string>(catalogs: Readonly<Record<Locale, Readonly<Record<Key, string>>>>) => {
  const locales = Object.keys(catalogs) as Locale[];
  const localeOf = (req: FastifyRequest): Locale =>
    (new Negotiator({ headers: { 'accept-language': String(req.headers['accept-language'] ?? '') } }).language(locales) as Locale | undefined) ?? locales[0]!;
  return (req: FastifyRequest): PageTranslator<Key, Locale> => {
    const locale = localeOf(req);
    const catalog = catalogs[locale];
    return { locale, t: (key, vars) => fill(catalog[key], vars) };
  };
};
