import { Counter, type Registry } from 'prom-client';
import type { OAuth2Metrics } from '@olympus/oauth2';
import type { IdentityMetrics } from '@olympus/identity';

/** The cores' counters (their metrics ports); every label value comes from a fixed set the cores name. */
export const coreCounters = (registry: Registry): { oauth2: OAuth2Metrics; identity: IdentityMetrics } => {
  const registers = [registry];
  const tokens = new Counter({ name: 'olympus_oauth2_tokens_issued_total', help: 'Token responses issued by the token endpoint, by grant type.', labelNames: ['grant_type'], registers });
  const logins = new Counter({ name: 'olympus_logins_total', help: 'Login submissions decided, by method and outcome (success, refused, locked_out).', labelNames: ['method', 'outcome'], registers });
  const lockouts = new Counter({ name: 'olympus_login_lockouts_total', help: 'Lockouts started: a subject (identifier) or a client IP reached its failure limit.', labelNames: ['scope'], registers });
  const sent = new Counter({ name: 'olympus_courier_messages_sent_total', help: 'Courier messages handed to SMTP.', registers });
  const failed = new Counter({ name: 'olympus_courier_send_failures_total', help: 'Failed courier sends; abandoned="true" when the message will not be retried.', labelNames: ['abandoned'], registers });
  const tokenSeries = new Map<string, { inc(): void }>();
  return {
    // One child per grant type, looked up once: this runs on every token response.
    oauth2: { tokenIssued: (grantType) => (tokenSeries.get(grantType) ?? tokenSeries.set(grantType, tokens.labels(grantType)).get(grantType)!).inc() },
    identity: {
      loginSubmitted: (method, outcome) => logins.labels(method, outcome).inc(),
      lockoutStarted: (scope) => lockouts.labels(scope).inc(),
      courierSent: () => sent.inc(),
      courierSendFailed: (abandoned) => failed.labels(abandoned ? 'true' : 'false').inc(),
    },
  };
};
