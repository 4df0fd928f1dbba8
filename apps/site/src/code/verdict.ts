/** A check's outcome as a sign and in words, so a screen reader says "passed" rather than a symbol. */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';

export const verdict = (t: Translator, ok: boolean): SafeHtml =>
  ok ? html`<span class="ok"><span aria-hidden="true">✔</span> ${t.t('verdict.ok')}</span>` : html`<span class="fail"><span aria-hidden="true">✖</span> ${t.t('verdict.failed')}</span>`;

/** One line of a checks list: the verdict, then what was checked and why it passed or failed. */
export const checkLine = (t: Translator, ok: boolean, text: string | SafeHtml): SafeHtml => html`<li>${verdict(t, ok)}: ${text}</li>`;
