/**
 * The schema of a server-rendered page (Hera, Athena, the playground, Olympus' own fallbacks): its
 * query or form parameters and a text/html answer, grouped under a tag. Parameters carry no type, so
 * validation never refuses what the page itself answers (a repeated parameter is the page's to show).
 */
import { FORM, KratosErrorBody, OAuth2ErrorBody } from './kit.ts';

export interface PageSchemaOptions {
  /** What the page is for, one line. */
  summary: string;
  /** The group in the document: `hera`, `athena`, `playground`, `pages`. */
  tag: string;
  /** Query parameters by name → description. */
  query?: Record<string, string>;
  /** Form fields (application/x-www-form-urlencoded) by name → description. */
  form?: Record<string, string>;
  /** Path parameters by name → description. */
  params?: Record<string, string>;
  /** Other media types the page answers with (e.g. a stylesheet). */
  produces?: string;
}

const described = (fields: Record<string, string>) => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, { description }])),
});

const html = (description: string, type = 'text/html') => ({ description, content: { [type]: { schema: { type: 'string' } } } });

/** A page refusal is a page, or JSON in the envelope of the origin when the request asked for JSON. */
const refusal = (description: string) => ({
  description,
  content: {
    'text/html': { schema: { type: 'string' } },
    'application/json': { schema: { anyOf: [OAuth2ErrorBody, KratosErrorBody] } },
  },
});

export const pageSchema = (opts: PageSchemaOptions) => ({
  summary: opts.summary,
  tags: [opts.tag],
  ...(opts.params === undefined ? {} : { params: { ...described(opts.params), required: Object.keys(opts.params) } }),
  ...(opts.query === undefined ? {} : { querystring: described(opts.query) }),
  ...(opts.form === undefined ? {} : { body: { content: { [FORM]: { schema: described(opts.form) } } } }),
  response: {
    200: html('The page', opts.produces),
    '3XX': { type: 'null', description: 'Redirect; Location names the next page or step' },
    '4XX': refusal('Refused; the page (or JSON error) says why'),
    '5XX': refusal('The server could not answer'),
  },
});
