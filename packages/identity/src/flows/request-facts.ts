/**
 * What the HTTP edge tells the core about the request a step serves, for the flow tracer
 * (docs/operations/tracing.md): the request id (`X-Request-Id`) that finds the step's event, and for
 * a login submission the Origin the browser sent and the names of the cookies it carried — the facts
 * that explain a CSRF violation whose cookie never arrived. Never a cookie's value.
 */
export interface RequestFacts {
  requestId: string;
  /** The Origin header (RFC 6454 §7), null when the browser sent none. */
  origin?: string | null;
  /** Names of the cookies the request carried, as sent (with their `__Host-` prefix). */
  cookieNames?: string[];
}

let lastOrigin: { publicUrl: string; origin: string } | undefined;

/**
 * The public origin a browser's submission is expected from: where the login form is served.
 * Kept for the last URL asked about: every traced login asks, and parsing the URL each time was
 * ≈1 % of the main thread's time under a login load (docs/decisions/0002-hot-path-performance.md).
 */
export const expectedOrigin = (publicUrl: string): string => {
  if (lastOrigin?.publicUrl !== publicUrl) lastOrigin = { publicUrl, origin: new URL(publicUrl).origin };
  return lastOrigin.origin;
};
