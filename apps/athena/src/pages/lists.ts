/** What the console's lists share: one-valued query parameters and the link to the next keyset page. */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';

/** A query parameter, trimmed; '' when absent (the edge refuses repeated parameters). */
export const queryParam = (req: FastifyRequest, name: string): string => {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The filters that are set, for links that keep them. */
export const setFilters = (filters: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));

/** "Next page" keeping the filters; nothing on the last page. */
export const nextPageLink = (path: string, filters: Record<string, string>, token: string | undefined, label: string): SafeHtml =>
  token === undefined ? html`` : html`<p><a href="${path}?${new URLSearchParams({ ...setFilters(filters), page: token }).toString()}" rel="next">${label}</a></p>`;
