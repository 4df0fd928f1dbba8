/**
 * The outbound HTTP an OpenID Connect provider needs (discovery, JWKS, token endpoint), as a port: the
 * core reaches no network itself (docs/architecture.md §2). apps/server wires it with the SSRF-guarded
 * fetcher of packages/http/src/outbound, so a provider URL obeys clients.http like a client's jwks_uri.
 * A failure throws an Error whose message is a predicate about the URL ("answered HTTP 500 instead of 200").
 */
export interface ProviderHttpPort {
  /** A JSON document (discovery, JWK Set, userinfo, GitHub's API); anything but 200 with JSON throws. */
  getJson(url: string, headers?: Record<string, string>): Promise<unknown>;
  /** A form POST (the token endpoint): its status and JSON body, whatever the status. */
  postForm(url: string, form: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; body: unknown }>;
}
