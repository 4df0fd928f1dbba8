/**
 * Texts by key: Hera's own keys (`login.title`) and the identity server's message ids (1010001, …),
 * whose English text the server already sends, so the English catalog holds only Hera's keys.
 * `{name}` placeholders take values from the message's `context`.
 */
import type { UiText } from '@olympus/identity';
import { DE } from './de.ts';
import { EN } from './en.ts';
import type { Locale } from './locale.ts';

export type Catalog = Readonly<Record<string, string>>;
export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en: EN, de: DE };

const isUiText = (value: unknown): value is UiText =>
  typeof value === 'object' && value !== null && typeof (value as UiText).id === 'number' && typeof (value as UiText).text === 'string';

/**
 * Fills `{name}` from `vars`. A list is joined with commas; its entries may be messages themselves
 * (1050015's `secrets` holds one UiText per recovery code), which are translated in turn.
 */
const interpolate = (template: string, vars: Readonly<Record<string, unknown>> | undefined, nested: (m: UiText) => string): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars?.[name];
    if (value === undefined || value === null) return whole;
    if (Array.isArray(value)) return value.map((v) => (isUiText(v) ? nested(v) : String(v))).join(', ');
    return isUiText(value) ? nested(value) : String(value);
  });

export interface Translator {
  readonly locale: Locale;
  /** One of Hera's own texts; English when the locale lacks it, the key itself when English does too. */
  t(key: keyof typeof EN, vars?: Readonly<Record<string, unknown>>): string;
  /** A server message (label, info, error) in this locale, or the server's English text. */
  text(message: UiText | undefined, fallback?: string): string;
}

export const translator = (locale: Locale): Translator => {
  const catalog = CATALOGS[locale];
  const text = (message: UiText): string => {
    const template = catalog[String(message.id)];
    return template === undefined ? message.text : interpolate(template, message.context, text);
  };
  return {
    locale,
    t: (key, vars) => interpolate(catalog[key] ?? EN[key] ?? key, vars, text),
    text: (message, fallback = '') => (message === undefined ? fallback : text(message)),
  };
};
