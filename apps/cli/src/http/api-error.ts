/**
 * Turns an error response into an ApiError. Olympus and Hydra answer `{error, error_description}`
 * (RFC 6749 §5.2) plus `error_hint`/`error_debug` in dev; older Hydra versions used the same
 * five-field shape; Kratos-style APIs wrap `{error: {id, code, reason, message}}`.
 */
import { ApiError } from '../errors.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface ErrorFields {
  error: string;
  description: string;
  hint: string;
  debug: string;
}

const fieldsOf = (body: unknown, status: number, raw: string): ErrorFields => {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.error === 'string') {
      return {
        error: record.error,
        description: text(record.error_description),
        hint: text(record.error_hint),
        debug: text(record.error_debug),
      };
    }
    if (record.error && typeof record.error === 'object') {
      const nested = record.error as Record<string, unknown>;
      return {
        error: text(nested.id) || text(nested.status) || `http_${status}`,
        description: text(nested.message),
        hint: text(nested.reason),
        debug: text(nested.debug),
      };
    }
  }
  const snippet = raw.trim().slice(0, 300);
  return { error: `http_${status}`, description: snippet || '(empty response body)', hint: '', debug: '' };
};

export const apiErrorFrom = (
  response: { status: number; headers: Headers },
  method: string,
  url: string,
  body: unknown,
  raw: string,
): ApiError =>
  new ApiError({
    status: response.status,
    method,
    url,
    requestId: response.headers.get('x-request-id') ?? '',
    ...fieldsOf(body, response.status, raw),
  });

/** The readable form printed to stderr. */
export const describeApiError = (error: ApiError): string => {
  const d = error.details;
  const lines = [`error: ${d.error}${d.description ? ` — ${d.description}` : ''}`];
  if (d.hint) lines.push(`hint: ${d.hint}`);
  if (d.debug) lines.push(`debug: ${d.debug}`);
  const requestId = d.requestId ? `, request id ${d.requestId}` : '';
  // Status 0: an authorization error response, delivered through the browser to the redirect URI.
  lines.push(
    d.status === 0 ? `(error response sent to ${d.url})` : `(HTTP ${d.status} from ${d.method} ${d.url}${requestId})`,
  );
  return lines.join('\n') + '\n';
};
