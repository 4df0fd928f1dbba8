/**
 * A thin fetch wrapper for the admin and public APIs: JSON and form bodies, client authentication,
 * error bodies turned into ApiError, connection failures into UnreachableError.
 */
import { UnreachableError } from '../errors.ts';
import { apiErrorFrom } from './api-error.ts';
import type { ApiTarget } from './target.ts';

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: Record<string, string | undefined>;
  /** RFC 6749 §2.3.1 client_secret_basic. */
  basicAuth?: { username: string; password: string };
  /** Error statuses the caller handles itself instead of getting an ApiError. */
  accept?: readonly number[];
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded. */
const formEncode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);

export const basicAuthorization = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${formEncode(username)}:${formEncode(password)}`).toString('base64')}`;

const definedEntries = (record: Record<string, string | undefined>): [string, string][] =>
  Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined);

const parseBody = (raw: string, contentType: string): unknown => {
  if (raw.length === 0) return null;
  if (!contentType.includes('json')) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
};

export class ApiClient {
  readonly target: ApiTarget;
  readonly #fetch: typeof fetch;

  constructor(target: ApiTarget, fetchImpl: typeof fetch = fetch) {
    this.target = target;
    this.#fetch = fetchImpl;
  }

  url(path: string, query: Record<string, string | undefined> = {}): string {
    const params = new URLSearchParams(definedEntries(query)).toString();
    return `${this.target.baseUrl}${path}${params ? `?${params}` : ''}`;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = this.url(path, options.query);
    const headers = new Headers(this.target.headers);
    headers.set('accept', 'application/json');
    let body: string | undefined;
    if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(definedEntries(options.form)).toString();
    }
    if (options.basicAuth)
      headers.set('authorization', basicAuthorization(options.basicAuth.username, options.basicAuth.password));

    let response: Response;
    try {
      response = await this.#fetch(url, { method, headers, body, redirect: 'manual' });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause;
      throw new UnreachableError(this.target.api, this.target.baseUrl, cause?.message ?? (error as Error).message);
    }
    const raw = await response.text();
    const parsed = parseBody(raw, response.headers.get('content-type') ?? '');
    if (response.status >= 400 && !options.accept?.includes(response.status)) {
      throw apiErrorFrom(response, method, url, parsed, raw);
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
