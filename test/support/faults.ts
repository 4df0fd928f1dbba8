/**
 * Helpers of the fault tests (docs/operations/faults.md): a client_credentials client, tokens asked for
 * and introspected over HTTP, and a small load loop that records every answer with its time.
 */
import { basic, createClient } from './flow.ts';

export interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: Record<string, any>;
}

export const post = async (url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> => {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form), signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after'), body: text.startsWith('{') ? JSON.parse(text) : { text } };
  } catch (error) {
    // No answer at all (connection refused or reset): status 0.
    return { status: 0, ms: performance.now() - started, retryAfter: null, body: { error: String(error) } };
  }
};

export const ccClient = async (adminUrl: string) => {
  const client = await createClient(adminUrl, { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic' });
  return { ...client, authorization: basic(client.client_id, client.client_secret!) };
};

export const askToken = (publicUrl: string, client: { authorization: string }): Promise<Answer> =>
  post(`${publicUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: client.authorization });

export const isActive = async (adminUrl: string, token: string): Promise<boolean> => {
  const answer = await post(`${adminUrl}/admin/oauth2/introspect`, { token });
  if (answer.status !== 200) throw new Error(`introspection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.active === true;
};

/** Runs `work` on `items` with at most `limit` at once; resolves with the results in order. */
export const inBatches = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  }));
  return results;
};

/** `workers` loops calling `step` until `until()` says stop; every answer is kept with when it ended. */
export const loadUntil = async (workers: number, until: () => boolean, step: () => Promise<Answer>): Promise<Array<Answer & { at: number }>> => {
  const answers: Array<Answer & { at: number }> = [];
  await Promise.all(Array.from({ length: workers }, async () => {
    while (!until()) {
      const answer = await step();
      answers.push({ ...answer, at: Date.now() });
      // A refused connection answers at once: pace the loop so it does not spin.
      if (answer.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }));
  return answers;
};

/** A node as a child process (`olympus serve --dev`) on its own ports and data folder, restartable on both. */
export const childNode = async (dir: string, dsn: string, extra: Record<string, unknown> = {}) => {
  const { startNode } = await import('./cluster-node.ts');
  const { freePort } = await import('./server.ts');
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const config = {
    dsn, data_dir: dir, ...extra,
    serve: {
      public: { base_url: `http://127.0.0.1:${publicPort}` }, admin: { base_url: `http://127.0.0.1:${adminPort}` }, node_id: 'fault-node',
      ...(extra.serve as object | undefined),
    },
  };
  const start = () => startNode(dir, { id: 'fault-node', publicPort, adminPort, config });
  return { publicUrl: `http://127.0.0.1:${publicPort}`, adminUrl: `http://127.0.0.1:${adminPort}`, start };
};
