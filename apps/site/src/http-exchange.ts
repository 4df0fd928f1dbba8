/**
 * One call to this server's own endpoint (token, userinfo, revoke) through `app.inject` on the public
 * Fastify instance: no network hop to the public URL, which may be unreachable from inside behind a
 * proxy (docs/decisions/0005-playground-relying-party.md). Returns the request as a page may show it
 * (the Authorization header and client_secret redacted) and the response as it came (status, headers, body).
 */
import type { FastifyInstance } from 'fastify';

export const REDACTED = '[redacted]';

export interface EndpointCall {
  method: 'GET' | 'POST';
  /** The path on the public origin, e.g. /oauth2/token. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export interface HttpExchange {
  request: { method: string; url: string; headers: Array<[string, string]>; body?: string };
  response: { status: number; headers: Array<[string, string]>; body: string };
  /** The response's X-Request-Id: what the flow tracer's events of this call name. */
  requestId: string;
}

/** Form fields never shown in a request view. */
const SECRET_FIELDS = new Set(['client_secret', 'password']);

/** `Basic [redacted]`: the scheme stays visible, so the page still says how the client authenticated. */
const redactAuthorization = (value: string): string => `${value.split(' ')[0] ?? ''} ${REDACTED}`;

const shownHeaders = (headers: Record<string, string>): Array<[string, string]> =>
  Object.entries(headers).map(([name, value]) => [name, name.toLowerCase() === 'authorization' ? redactAuthorization(value) : value]);

const shownForm = (form: Record<string, string>): string =>
  Object.entries(form).map(([k, v]) => `${encodeURIComponent(k)}=${SECRET_FIELDS.has(k) ? REDACTED : encodeURIComponent(v)}`).join('&');

const responseHeaders = (headers: Record<string, unknown>): Array<[string, string]> =>
  Object.entries(headers)
    .filter(([name]) => name !== 'set-cookie')
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]);

/** `client_secret_basic` (RFC 6749 §2.3.1): both parts form-urlencoded before base64. */
export const basicAuthorization = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const callEndpoint = async (app: FastifyInstance, publicUrl: string, call: EndpointCall): Promise<HttpExchange> => {
  const url = new URL(call.path, publicUrl);
  const headers: Record<string, string> = {
    host: url.host,
    ...(call.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    accept: 'application/json',
    ...call.headers,
  };
  const payload = call.form === undefined ? undefined : new URLSearchParams(call.form).toString();
  const res = await app.inject({ method: call.method, url: url.pathname + url.search, headers, ...(payload === undefined ? {} : { payload }) });
  return {
    request: { method: call.method, url: url.toString(), headers: shownHeaders(headers), ...(call.form === undefined ? {} : { body: shownForm(call.form) }) },
    response: { status: res.statusCode, headers: responseHeaders(res.headers), body: res.body },
    requestId: String(res.headers['x-request-id'] ?? ''),
  };
};

/** The response body as JSON, or undefined when it is not JSON (an empty 200 from /oauth2/revoke). */
export const jsonOf = (exchange: HttpExchange): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(exchange.response.body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export { renderExchange, traceLinks } from './http-exchange-view.ts';
