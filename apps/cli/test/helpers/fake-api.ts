/**
 * A fake admin/public API for the CLI's own tests: a real node:http server that records every
 * request and answers from a route table with canned Hydra-shaped responses.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json(): unknown;
  form(): URLSearchParams;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export type Route = (request: RecordedRequest) => CannedResponse | Promise<CannedResponse>;

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  /** Routes keyed by "METHOD /path" (path without query). */
  routes: Map<string, Route>;
  on(method: string, path: string, route: Route | CannedResponse): void;
  close(): Promise<void>;
}

export const startFakeApi = async (): Promise<FakeApi> => {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Route>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json: () => JSON.parse(body),
        form: () => new URLSearchParams(body),
      };
      requests.push(recorded);
      const route = routes.get(`${recorded.method} ${recorded.path}`);
      const answer = route
        ? await route(recorded)
        : { status: 404, body: { error: 'not_found', error_description: 'no fake route' } };
      const isText = typeof answer.body === 'string';
      res.writeHead(answer.status ?? 200, {
        ...(answer.body === undefined ? {} : { 'content-type': isText ? 'text/plain' : 'application/json' }),
        ...answer.headers,
      });
      res.end(answer.body === undefined ? undefined : isText ? (answer.body as string) : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    on: (method, path, route) => routes.set(`${method} ${path}`, typeof route === 'function' ? route : () => route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * One fake API for a test file: started before its tests, closed after them, and before each test
 * emptied of recorded requests and routes, then given the file's own routes by `eachTest`.
 * `bind` hands the started API to the file.
 */
export const useFakeApi = (bind: (api: FakeApi) => void, eachTest: (api: FakeApi) => void = () => {}): void => {
  let api: FakeApi | undefined;
  before(async () => {
    api = await startFakeApi();
    bind(api);
  });
  after(() => api?.close());
  beforeEach(() => {
    api!.requests.length = 0;
    api!.routes.clear();
    eachTest(api!);
  });
};
