/** The `role=status` line a page shows after an action redirected to it (`?done=<what>`, with `count` or `label`). */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import type { MessageKey } from '../../i18n/en.ts';
import type { Translator } from '../../i18n/translator.ts';
import { queryParam } from '../lists.ts';

export const doneNotice = (t: Translator, req: FastifyRequest, messages: Readonly<Record<string, MessageKey>>): SafeHtml => {
  const done = queryParam(req, 'done');
  if (!Object.hasOwn(messages, done)) return html``;
  const count = queryParam(req, 'count');
  return html`<div role="status"><p>${t.t(messages[done]!, { count: /^[0-9]{1,6}$/.test(count) ? count : '0', label: queryParam(req, 'label') })}</p></div>`;
};

/** Where to go after an action: `path` with `done` and its values. */
export const doneUrl = (path: string, done: string, values: Record<string, string | number> = {}): string =>
  `${path}?${new URLSearchParams({ done, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) })}`;
