/**
 * What the passkey suites share: a test server on `localhost` (a WebAuthn RP ID is a domain, never
 * an IP address: docs/operations/passkeys.md) with the passkey and webauthn methods on, and the
 * native API steps of enrolling a credential in settings and answering a login flow's challenge.
 */
import assert from 'node:assert/strict';
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';

type Json = Record<string, any>;

/** startTestServer's customize: the public origin on localhost, passkey and webauthn enabled. */
export const withPasskeys = (c: OlympusConfig): OlympusConfig => {
  const publicUrl = c.serve.public.url.replace('127.0.0.1', 'localhost');
  const base = defaultDevConfig(process.cwd(), { publicUrl, adminUrl: c.serve.admin.url, dsn: c.dsn });
  const rp = { id: 'localhost', origins: [publicUrl], displayName: 'Olympus' };
  return {
    ...base,
    log: c.log,
    selfservice: {
      ...base.selfservice,
      methods: { ...base.selfservice.methods, passkey: { enabled: true, config: { rp } }, webauthn: { enabled: true, config: { passwordless: false, rp } } },
    },
  };
};

/** The value of a flow's input node `name`. */
export const nodeValue = (flow: Json, name: string): string => {
  const node = (flow.ui.nodes as Json[]).find((n) => n.attributes.name === name);
  assert.ok(node, `the flow has a ${name} node`);
  return String(node.attributes.value);
};

/** The `publicKey` options a flow's hidden `name` node carries. */
export const publicKeyOf = (flow: Json, name: string): Json => JSON.parse(nodeValue(flow, name)).publicKey;

export interface Answer {
  status: number;
  body: Json;
}

/** A JSON call to the public API (native flows: the session token, if any, in X-Session-Token). */
export const callApi = async (publicUrl: string, path: string, { body, token }: { body?: Json; token?: string } = {}): Promise<Answer> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body) headers['content-type'] = 'application/json';
  if (token) headers['x-session-token'] = token;
  const res = await fetch(`${publicUrl}${path}`, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined, redirect: 'manual' });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
};

/** The error id of a refused flow answer: a flow's message id, or the error's string id. */
export const refusalOf = (answer: Answer): number | string | undefined =>
  answer.body.ui?.messages?.[0]?.id ?? answer.body.error?.id;
