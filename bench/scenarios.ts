/**
 * The measured requests autocannon sends, built from a target's fixtures (the SSO round trip is
 * driven by sso/loop.ts instead). Each scenario also checks every
 * 2xx body (a fast `{"active":false}` or an error page with 200 would otherwise pass unnoticed),
 * except on the bare ceiling, which answers the same body to everything.
 */
import type { Options, Request } from 'autocannon';
import type { Fixtures } from './targets/protocol.ts';

export const SCENARIOS = ['cc', 'refresh', 'introspect', 'sso', 'login', 'login-spread'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  cc: 'client credentials',
  refresh: 'refresh (rotating)',
  introspect: 'introspection',
  sso: 'SSO round trip',
  login: 'password login',
  'login-spread': 'login, 10 identifiers',
};

/** The password-login scenarios (Olympus and the argon2id ceiling only). */
export const LOGIN_SCENARIOS: readonly ScenarioName[] = ['login', 'login-spread'];

/** A scenario this target cannot run in this build (e.g. no native login flow yet): skipped, not failed. */
export class ScenarioUnavailable extends Error {}

/** Counts what the status code alone does not show, for one autocannon run. */
export interface Tally {
  /** 2xx answers whose body is not what the scenario expects. */
  invalid: number;
  /** Requests sent with no live refresh token left in the pool (they fail, and are counted). */
  exhausted: number;
}

export interface Drive {
  options: Omit<Options, 'connections' | 'duration'>;
  tally: Tally;
}

const FORM = 'application/x-www-form-urlencoded';

const newTally = (): Tally => ({ invalid: 0, exhausted: 0 });

const headersFor = (authorization: string | undefined): Record<string, string> =>
  authorization ? { 'content-type': FORM, authorization } : { 'content-type': FORM };

/** A fixed request whose 2xx bodies are checked with `valid`. */
const fixedRequest = (url: string, headers: Record<string, string>, body: string, valid: (body: string) => boolean, tally: Tally): Drive => ({
  options: {
    url,
    requests: [
      {
        method: 'POST',
        headers,
        body,
        onResponse(status, responseBody) {
          if (status >= 200 && status < 300 && !valid(responseBody)) tally.invalid++;
        },
      },
    ],
  },
  tally,
});

const REFRESH_TOKEN_IN_BODY = /"refresh_token"\s*:\s*"([^"]+)"/;

/**
 * Refresh tokens rotate, so every request must send the token the previous answer returned.
 * autocannon resets a connection's `context` after each pass through `requests`, so the live
 * tokens wait in a shared pool instead: a request takes one, its answer puts the successor back.
 * Each token therefore has at most one request in flight, as a real client's would. A token whose
 * request times out is lost, so the target mints a few more than the connections. The pool is a
 * queue, so every chain rotates in turn: kept at the bottom of a stack, the spares would sit
 * untouched until oidc-provider's in-memory LRU (1000 entries) dropped them, and a 400 later.
 */
const refreshRequest = (fixtures: Fixtures, checkBodies: boolean, tally: Tally): Drive => {
  const pool = [...fixtures.refreshTokens];
  const request: Request = {
    method: 'POST',
    headers: headersFor(fixtures.clientAuth),
    setupRequest(req, context) {
      const token = pool.shift();
      if (token === undefined) tally.exhausted++;
      context.sent = token ?? 'no-live-refresh-token-left';
      return { ...req, body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(context.sent as string)}` };
    },
    onResponse(status, body, context) {
      if (status < 200 || status >= 300) return;
      const next = REFRESH_TOKEN_IN_BODY.exec(body)?.[1];
      if (checkBodies && (!next || !body.includes('"access_token"'))) tally.invalid++;
      // Without rotation (the bare ceiling) the same token stays valid.
      pool.push(next ?? (context.sent as string));
    },
  };
  return { options: { url: fixtures.tokenUrl, requests: [request] }, tally };
};

/**
 * Native password login (`POST /self-service/login?flow=`, api flow, JSON). A flow serves one
 * successful login, so each request takes an unused flow id from the pool the target minted.
 * Success is a 200 whose body carries a `session_token`. `login` names one identifier, so the
 * login guard verifies at most 5 of its attempts at once (the lockout threshold) and the rest wait;
 * `login-spread` spreads the logins over the target's identities, each request naming the one with
 * the fewest logins in flight (many users at once, as a login server serves them).
 */
const loginRequest = (fixtures: Fixtures, tally: Tally, spread: boolean): Drive => {
  const login = fixtures.login;
  if (!login) throw new ScenarioUnavailable('this Olympus build has no native login flow (GET /self-service/login/api)');
  const pool = [...login.flowIds];
  const path = new URL(login.submitUrl).pathname;
  const identifiers = spread ? login.identifiers : login.identifiers.slice(0, 1);
  const inFlight = new Map(identifiers.map((identifier) => [identifier, 0]));
  const bodies = new Map(identifiers.map((identifier) => [identifier, JSON.stringify({ method: 'password', identifier, password: login.password })]));
  const leastBusy = (): string => identifiers.reduce((a, b) => (inFlight.get(b)! < inFlight.get(a)! ? b : a));
  const request: Request = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    setupRequest(req, context) {
      const flow = pool.pop();
      if (flow === undefined) tally.exhausted++;
      const identifier = leastBusy();
      inFlight.set(identifier, inFlight.get(identifier)! + 1);
      context.identifier = identifier;
      return {
        ...req,
        path: `${path}?flow=${encodeURIComponent(flow ?? 'no-unused-login-flow-left')}`,
        body: bodies.get(identifier),
      };
    },
    onResponse(status, body, context) {
      const identifier = context.identifier as string;
      inFlight.set(identifier, inFlight.get(identifier)! - 1);
      if (status >= 200 && status < 300 && !body.includes('"session_token"')) tally.invalid++;
    },
  };
  return { options: { url: login.submitUrl, requests: [request] }, tally };
};

export const driveFor = (scenario: Exclude<ScenarioName, 'sso'>, fixtures: Fixtures, checkBodies: boolean): Drive => {
  const tally = newTally();
  const expect = (needle: string) => (body: string) => !checkBodies || body.includes(needle);
  switch (scenario) {
    case 'cc':
      return fixedRequest(fixtures.tokenUrl, headersFor(fixtures.clientAuth), 'grant_type=client_credentials', expect('"access_token"'), tally);
    case 'refresh':
      return refreshRequest(fixtures, checkBodies, tally);
    case 'introspect':
      return fixedRequest(
        fixtures.introspectUrl,
        headersFor(fixtures.introspectAuth),
        `token=${encodeURIComponent(fixtures.accessToken)}`,
        expect('"active":true'),
        tally,
      );
    case 'login':
    case 'login-spread':
      return loginRequest(fixtures, tally, scenario === 'login-spread');
  }
};

/**
 * Login flows to mint for one run: 1.5× what the raw argon2id ceiling could verify in the run's
 * seconds (Olympus cannot log in faster than it verifies), plus one per connection and spares.
 */
export const loginFlowsNeeded = (scenario: ScenarioName, connections: number, ceilingPerSec: number, seconds: number): number =>
  LOGIN_SCENARIOS.includes(scenario) ? Math.ceil(ceilingPerSec * 1.5 * seconds) + connections + 16 : 0;

/** Refresh tokens to mint for one run of the scenario: one chain per connection and spares. */
export const refreshTokensNeeded = (scenario: ScenarioName, connections: number): number =>
  scenario === 'refresh' ? connections + 16 : 0;

/** Signed-in browsers for one SSO run: one per connection (each a worker of the loop). */
export const ssoSessionsNeeded = (scenario: ScenarioName, connections: number): number =>
  scenario === 'sso' ? connections : 0;
