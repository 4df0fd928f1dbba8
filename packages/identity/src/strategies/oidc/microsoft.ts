/**
 * Azure's issuers (Microsoft identity platform, "Validate the issuer"): a multi-tenant discovery
 * document (`common`, `organizations`, `consumers`) names the template
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, and each ID token is issued by the tenant its
 * `tid` names. So the token's issuer must be the template filled with its own `tid` (as Kratos'
 * provider_microsoft.go checks), and where `microsoft_tenant` names one tenant, `tid` must be that one.
 */
import { decodeJwt } from 'jose';
import { MICROSOFT_LOGIN, type OidcProvider } from './providers.ts';

const TEMPLATE = `${MICROSOFT_LOGIN}/{tenantid}/v2.0`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tenantIssuer = (tid: string): string => `${MICROSOFT_LOGIN}/${tid}/v2.0`;

/** A discovery document's issuer is the configured one, or for Microsoft the template or a tenant's own issuer. */
export const discoveryIssuerMatches = (provider: OidcProvider, issuer: unknown): boolean => {
  if (issuer === provider.issuer) return true;
  if (provider.config.provider !== 'microsoft' || typeof issuer !== 'string') return false;
  // A domain tenant (contoso.onmicrosoft.com) has a document naming the tenant's id.
  return issuer === TEMPLATE || /^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/i.test(issuer);
};

/**
 * The issuer an ID token must carry. For Microsoft the unverified `tid` only chooses which issuer to
 * expect: the signature and that issuer are still checked against it, and a token whose `tid` is not a
 * tenant id, or not the configured tenant, gets an issuer no token can match.
 */
export const expectedIssuer = (provider: OidcProvider, idToken: string): string => {
  if (provider.config.provider !== 'microsoft') return provider.issuer;
  let tid: unknown;
  try {
    tid = decodeJwt(idToken).tid;
  } catch {
    return provider.issuer;
  }
  const tenant = provider.config.microsoftTenant ?? '';
  if (typeof tid !== 'string' || !GUID.test(tid)) return `${TEMPLATE} (the ID token has no tenant id "tid")`;
  if (GUID.test(tenant) && tid.toLowerCase() !== tenant.toLowerCase()) return `${tenantIssuer(tenant)} (microsoft_tenant; the ID token is from tenant ${tid})`;
  return tenantIssuer(tid);
};
