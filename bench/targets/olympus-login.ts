/**
 * Password-login fixtures on the Olympus child: the bench identities registered through the native
 * registration flow, then a supply of fresh native login flows (a flow serves one successful
 * login, as in Kratos), created through the public API like a mobile app would.
 *
 * LOGIN_IDENTITIES users, so that 50 connections are 5 logins in flight per identifier: the lockout
 * threshold (`protection.login.failures_before_lockout`, 5 by default), which is also how many
 * attempts on one identifier the login guard verifies at once (docs/operations/protection.md).
 */
import { makeConcurrently } from './concurrently.ts';
import type { LoginFixtures } from './protocol.ts';

const IDENTIFIER = 'bench-user@example.org';
const LOGIN_IDENTITIES = 10;
const PASSWORD = 'bench-passphrase correct horse';
const CONCURRENCY = 8;

const json = async (url: string, init: RequestInit = {}) => {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
};

const newFlowId = async (publicUrl: string, kind: 'login' | 'registration'): Promise<string> => {
  const res = await json(`${publicUrl}/self-service/${kind}/api`);
  if (res.status !== 200 || typeof res.body.id !== 'string') throw new Error(`GET /self-service/${kind}/api answered ${res.status}`);
  return res.body.id;
};

/** False when this build has no native flows yet (the scenario is then skipped, not failed). */
export const nativeFlowsAvailable = async (publicUrl: string): Promise<boolean> =>
  (await fetch(`${publicUrl}/self-service/login/api`, { headers: { accept: 'application/json' } })).status !== 404;

/** The n-th bench identifier; the first is the bench user the SSO browsers sign in as. */
const identifierOf = (n: number): string => (n === 0 ? IDENTIFIER : `bench-user-${n}@example.org`);

const register = async (publicUrl: string, email: string): Promise<string> => {
  const flow = await newFlowId(publicUrl, 'registration');
  const res = await json(`${publicUrl}/self-service/registration?flow=${flow}`, {
    method: 'POST',
    body: JSON.stringify({ method: 'password', password: PASSWORD, traits: { email } }),
  });
  const identity = res.body.identity as { id?: unknown } | undefined;
  if (res.status !== 200 || typeof identity?.id !== 'string') throw new Error(`native registration answered ${res.status}: ${JSON.stringify(res.body)}`);
  return identity.id;
};

/** Registers the bench user; returns its identity id. */
export const registerBenchUser = (publicUrl: string): Promise<string> => register(publicUrl, IDENTIFIER);

let othersRegistered: Promise<string[]> | undefined;

/** All login identifiers; the ones after the bench user's are registered once, at the first login fixtures. */
const loginIdentifiers = async (publicUrl: string): Promise<string[]> => {
  const others = Array.from({ length: LOGIN_IDENTITIES - 1 }, (_, n) => identifierOf(n + 1));
  let next = 0;
  othersRegistered ??= makeConcurrently(others.length, CONCURRENCY, () => register(publicUrl, others[next++]));
  await othersRegistered;
  return [IDENTIFIER, ...others];
};

export const mintLoginFixtures = async (publicUrl: string, flows: number): Promise<LoginFixtures> => ({
  submitUrl: `${publicUrl}/self-service/login`,
  identifiers: await loginIdentifiers(publicUrl),
  password: PASSWORD,
  flowIds: await makeConcurrently(flows, CONCURRENCY, () => newFlowId(publicUrl, 'login')),
});
