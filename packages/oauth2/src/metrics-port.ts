/**
 * What the OAuth2 core counts for the operator's metrics (docs/operations/observability.md). The
 * composition root implements it over Prometheus counters; the core only calls it, one synchronous
 * call per decision, and never learns how (or whether) the number is kept. Label values are bounded:
 * a grant type reaches it only after grants/grant-types.ts accepted it.
 */
export interface OAuth2Metrics {
  /** The token endpoint answered a grant with tokens. */
  tokenIssued(grantType: string): void;
}
