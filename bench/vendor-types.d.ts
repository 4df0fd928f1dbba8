/**
 * The few parts of autocannon and oidc-provider the benchmark uses; neither ships type
 * declarations (and @types/autocannon is not installed).
 */
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
  }
  interface Options extends Request {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    requests?: Request[];
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
  export type { Options, Request, Result };
}

declare module 'oidc-provider' {
  interface Model {
    save(): Promise<string>;
  }
  interface Grant extends Model {
    addOIDCScope(scope: string): void;
  }
  interface ModelClass<T, P> {
    new (payload: P): T;
    find(id: string): Promise<T | undefined>;
  }
  interface InteractionDetails {
    prompt: { name: string };
    params: Record<string, unknown>;
    grantId?: string;
  }
  interface Client {
    clientId: string;
  }
  interface TokenPayload {
    client: Client;
    accountId: string;
    grantId: string;
    scope: string;
    gty: string;
    authTime?: number;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    interactionDetails(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: import('node:http').IncomingMessage,
      res: import('node:http').ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Client: { find(id: string): Promise<Client | undefined> };
    Grant: ModelClass<Grant, { accountId: string; clientId: string }>;
    RefreshToken: ModelClass<Model, TokenPayload>;
    AccessToken: ModelClass<Model, TokenPayload>;
  }
}
