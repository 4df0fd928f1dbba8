/**
 * Times on the console's pages, in the reader's language: an instant as a `<time>` element in UTC
 * (the audit log and the server logs speak UTC), and a distance to now ("5 minutes ago", "in 3 hours").
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../../i18n/translator.ts';

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]];

/** `at` relative to `now`: negative in the past, positive in the future, in the largest whole unit. */
export const relative = (t: Translator, at: number, now: number): string => {
  const distance = at - now;
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(distance) >= ms) ?? ['second', 1000];
  return new Intl.RelativeTimeFormat(t.locale, { numeric: 'auto' }).format(Math.trunc(distance / size), unit);
};

/** An instant as text, e.g. "30 Nov 2026, 12:49:16 UTC". */
export const instantText = (t: Translator, at: number | string): string => {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(date)} UTC`;
};

/** An instant in a `<time>` element, its machine-readable value in `datetime`. */
export const instant = (t: Translator, at: number | string): SafeHtml => {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return html`${String(at)}`;
  return html`<time datetime="${date.toISOString()}">${instantText(t, date.getTime())}</time>`;
};
