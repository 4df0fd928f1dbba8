/**
 * HTTP helpers of the cluster test: every answer carries the node that served it (X-Olympus-Node), so a
 * test can state which node did what; and a loopback SMTP server that counts every message it receives.
 */
import { NODE_HEADER } from './cluster.ts';

export interface Answer {
  status: number;
  node: string;
  headers: Headers;
  body: Record<string, any>;
}

export const call = async (url: string, init: { method?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Answer> => {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(init.json)];
  if (init.form !== undefined) [headers['content-type'], body] = ['application/x-www-form-urlencoded', new URLSearchParams(init.form).toString()];
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, node: res.headers.get(NODE_HEADER) ?? '', headers: res.headers, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : {} };
};

/** Polls `check` every 100 ms until it returns true; resolves with the milliseconds it took, rejects after `boundMs`. */
export const within = async (boundMs: number, what: string, check: () => Promise<boolean>): Promise<number> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > boundMs) throw new Error(`${what}: not within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
};
