/**
 * POST /admin/recovery/code (docs/compatibility.md §2.2): support staff recover an account for someone. The
 * answer carries a recovery flow's UI link and a code for it (8 digits: these codes may be read out
 * on the phone and may live longer than mailed ones); the person opens the link and enters the code.
 */
import { parseDuration } from '@olympus/config';
import type { IdentityContext } from '../../context.ts';
import { BadRequest, FlowNotFound, IdentityDisabled } from '../../errors.ts';
import { codeForm } from '../../codes/form.ts';
import { codeLifespan, issueCode } from '../../codes/issue.ts';
import { ADMIN_CODE_DIGITS } from '../../codes/secret.ts';
import { flowUiUrlOf } from '../../codes/wire.ts';
import type { FlowType } from '../flow.ts';
import { newFlow } from '../new-flow.ts';
import { checkRecoveryEnabled } from './create.ts';
import { recoverySpec } from './spec.ts';

/** Admin codes are handed over by a person, not mailed: a day at most. */
export const MAX_ADMIN_CODE_LIFESPAN_MS = 24 * 3_600_000;

export interface AdminRecoveryCode {
  recovery_link: string;
  recovery_code: string;
  expires_at: string;
}

const readExpiresIn = (ctx: IdentityContext, raw: unknown): number => {
  if (raw === undefined || raw === null || raw === '') return codeLifespan(ctx);
  let ms: number | undefined;
  try {
    ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
  } catch {
    ms = undefined;
  }
  if (ms === undefined || ms <= 0 || ms > MAX_ADMIN_CODE_LIFESPAN_MS) {
    throw new BadRequest('expires_in must be a duration such as "15m" or "1h", longer than zero and at most 24h.', {
      reason: `Got ${JSON.stringify(raw)}. Leave it out for selfservice.methods.code.lifespan.`,
    });
  }
  return ms;
};

const readFlowType = (raw: unknown): FlowType => {
  if (raw === undefined || raw === null || raw === '' || raw === 'browser') return 'browser';
  if (raw === 'api') return 'api';
  throw new BadRequest('flow_type must be "browser" or "api".', { reason: `Got ${JSON.stringify(raw)}.` });
};

export const createRecoveryCodeForIdentity = async (ctx: IdentityContext, body: Record<string, unknown>): Promise<AdminRecoveryCode> => {
  checkRecoveryEnabled(ctx);
  const identityId = body.identity_id;
  if (typeof identityId !== 'string' || identityId === '') {
    throw new BadRequest('identity_id is required.', { reason: 'Send {"identity_id": "<uuid>", "expires_in": "15m"}.' });
  }
  const lifespan = readExpiresIn(ctx, body.expires_in);
  const type = readFlowType(body.flow_type);
  const identity = await ctx.storage.identities.getIdentity(identityId);
  if (identity === undefined) throw new FlowNotFound('Unable to locate the resource.', { reason: `No identity with id "${identityId}" exists.` });
  if (identity.state !== 'active') {
    throw new IdentityDisabled('The identity is disabled; it cannot be recovered.', { reason: 'Set its state to active first (PATCH /admin/identities/{id}).' });
  }
  const requestUrl = new URL(`/self-service/recovery/${type}`, ctx.config.serve.public.url).toString();
  const flow = newFlow(ctx, 'recovery', { type, requestUrl, returnTo: '' });
  flow.expiresAt = flow.issuedAt + lifespan;
  flow.state = 'sent_email';
  flow.active = 'code';
  flow.internal.adminCreated = true;
  flow.ui = { ...codeForm(flow, '', recoverySpec.form), messages: [] };
  await ctx.storage.flows.createFlow(flow);
  const { value, code } = await issueCode(ctx, {
    flowId: flow.id, kind: 'recovery', identityId, address: '', lifespanMs: lifespan, digits: ADMIN_CODE_DIGITS,
  });
  ctx.log.info({ flow_id: flow.id, identity_id: identityId, expires_at: code.expiresAt }, 'admin created a recovery code');
  return { recovery_link: flowUiUrlOf(ctx, 'recovery', flow.id), recovery_code: value, expires_at: new Date(code.expiresAt).toISOString() };
};
