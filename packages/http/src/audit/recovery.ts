/**
 * What the admin API records when it creates a recovery code (packages/http/src/identity/recovery.ts):
 * a sensitive read, since whoever holds the answer can take over the account. The event names the
 * identity and when the code expires; the code and the link never (docs/security.md AS-46).
 */
import type { AuditedRoutes } from './audited-routes.ts';

export const RECOVERY_AUDIT: AuditedRoutes = {
  'POST /admin/recovery/code': {
    action: 'recovery.code.create',
    target: (req) => ({ type: 'identity', id: String((req.body as { identity_id?: unknown } | undefined)?.identity_id ?? '') }),
    after: () => undefined,
    details: (req, { answer }) => ({
      expires_at: (answer as { expires_at?: unknown } | undefined)?.expires_at,
      flow_type: (req.body as { flow_type?: unknown } | undefined)?.flow_type ?? 'browser',
    }),
  },
};
