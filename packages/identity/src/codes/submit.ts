/**
 * The submission steps recovery and verification share (docs/compatibility.md §2.1, method `code`): the flow
 * must be enabled, live and, for browsers, carry this browser's CSRF token; `{email}` sends a code
 * (the same answer whether or not the address has an account, ID-6) and `{code}` checks one (ID-16).
 * What a valid code leads to is the caller's business.
 */
import type { IdentityContext } from '../context.ts';
import { checkCsrf } from '../csrf/csrf.ts';
import { enqueueEmail } from '../courier/enqueue.ts';
import type { CourierTemplateType } from '../courier/message.ts';
import { normalizeBody, stringField, type FlowBody } from '../flows/body.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import { ensureNotExpired, loadFlow } from '../flows/lookup.ts';
import type { SubmitRequest } from '../flows/outcome.ts';
import { rejected } from '../flows/rejected.ts';
import { limitCodeRequests, rateLimitedFlow } from '../protection/rate-limit.ts';
import { isEmail } from '../schemas/identifier-checks.ts';
import { normalizeAddress } from '../schemas/traits.ts';
import { FlowValidationError } from '../strategies/strategy.ts';
import { messages } from '../ui/messages.ts';
import type { UiText } from '../ui/node.ts';
import type { CodeFlowKind, OneTimeCode } from './code.ts';
import { codeForm, type CodeFormTexts } from './form.ts';
import { codeLifespan, issueCode } from './issue.ts';
import { identityByAddress, type AddressList } from './owner.ts';
import { checkCode } from './verify.ts';

/** What makes a code flow recovery or verification. */
export interface CodeFlowSpec {
  kind: CodeFlowKind;
  checkEnabled(ctx: IdentityContext): void;
  recreate(ctx: IdentityContext, expired: SelfServiceFlow, csrfSecret: string | undefined): Promise<SelfServiceFlow>;
  addresses: AddressList;
  template: CourierTemplateType;
  form: CodeFormTexts;
  texts: { noMethod: () => UiText; alreadyCompleted: () => UiText; failed: () => UiText; codeInvalid: () => UiText };
}

export type CodeStep =
  /** The flow to show: 200 after a code was sent, 400 with messages after refused input. */
  | { kind: 'answer'; flow: SelfServiceFlow; status: 200 | 400 }
  /** A valid code, already used up; the flow is not yet marked passed. */
  | { kind: 'passed'; flow: SelfServiceFlow; code: OneTimeCode; body: FlowBody };

const refuse = async (ctx: IdentityContext, flow: SelfServiceFlow, body: FlowBody, err: FlowValidationError): Promise<CodeStep> =>
  ({ kind: 'answer', flow: (await rejected(ctx, flow, body, err, 'code')).flow, status: 400 });

/** True once a flow used up its submissions: nothing but a new flow helps then. */
export const codesExhausted = (flow: SelfServiceFlow): boolean => flow.internal.codesExhausted === true;

export const runCodeSubmission = async (
  ctx: IdentityContext,
  spec: CodeFlowSpec,
  flowId: string | undefined,
  rawBody: unknown,
  req: SubmitRequest,
): Promise<CodeStep> => {
  spec.checkEnabled(ctx);
  const flow = await loadFlow(ctx, spec.kind, flowId);
  await ensureNotExpired(ctx, flow, () => spec.recreate(ctx, flow, req.csrfSecret));
  // Flows an admin created for someone else's browser carry no CSRF token (Kratos does the same).
  if (flow.internal.adminCreated !== true) checkCsrf(ctx, flow, { cookie: req.csrfCookie, token: req.csrfToken });
  const body = normalizeBody(rawBody);
  if (stringField(body, 'method') !== 'code') return refuse(ctx, flow, body, new FlowValidationError([spec.texts.noMethod()]));
  if (flow.state === 'passed_challenge') return refuse(ctx, flow, body, new FlowValidationError([spec.texts.alreadyCompleted()]));
  if (codesExhausted(flow)) return refuse(ctx, flow, body, new FlowValidationError([spec.texts.failed()]));
  const code = stringField(body, 'code');
  if (code !== '') return checkStep(ctx, spec, flow, body, code);
  const email = stringField(body, 'email');
  if (email === '') return refuse(ctx, flow, body, new FlowValidationError([], { email: [messages.required('email')] }));
  return sendStep(ctx, spec, flow, body, email, req.device.ipAddress);
};

const checkStep = async (ctx: IdentityContext, spec: CodeFlowSpec, flow: SelfServiceFlow, body: FlowBody, code: string): Promise<CodeStep> => {
  const check = await checkCode(ctx, flow.id, spec.kind, code);
  const counted = { ...flow, internal: { ...flow.internal, attempts: check.status === 'valid' ? flow.internal.attempts : check.submissions } };
  if (check.status === 'exhausted') {
    ctx.log.info({ flow_id: flow.id, kind: flow.kind, submissions: check.submissions }, 'code flow ended: too many code submissions');
    const ended = { ...counted, internal: { ...counted.internal, codesExhausted: true } };
    return refuse(ctx, ended, body, new FlowValidationError([spec.texts.failed()]));
  }
  if (check.status === 'invalid') return refuse(ctx, counted, body, new FlowValidationError([spec.texts.codeInvalid()]));
  return { kind: 'passed', flow, code: check.code, body };
};

/**
 * Same answer, same stored rows and the same queries for a known and an unknown address (ID-6):
 * the unknown one gets a code row no submission can match, and the mail of a known one is queued
 * after the answer is decided, so its insert does not show in the response time.
 */
const sendStep = async (ctx: IdentityContext, spec: CodeFlowSpec, flow: SelfServiceFlow, body: FlowBody, typed: string, ip: string): Promise<CodeStep> => {
  const address = normalizeAddress(typed, 'email');
  // The identity schema's `email` format check (identifier-checks.ts), so no address is valid here but not there.
  if (!isEmail(address)) {
    return refuse(ctx, flow, body, new FlowValidationError([], { email: [messages.invalidFormat('email', typed)] }));
  }
  // Per address and per client IP, before the address is looked up: the same for accounts and strangers.
  const limit = await limitCodeRequests(ctx, { address, ip });
  if (!limit.allowed) throw await rateLimitedFlow(ctx, flow, limit.retryAfterSeconds);
  const owner = await identityByAddress(ctx, spec.addresses, address);
  const { value } = await issueCode(ctx, { flowId: flow.id, kind: spec.kind, identityId: owner?.id ?? '', address });
  const now = ctx.now();
  const next: SelfServiceFlow = {
    ...flow, state: 'sent_email', active: 'code', ui: codeForm(flow, address, spec.form),
    internal: { ...flow.internal, address, updatedAt: now },
  };
  await ctx.storage.flows.updateFlow(next);
  ctx.log.info({ flow_id: flow.id, kind: flow.kind, identity_id: owner?.id }, owner ? 'code sent' : 'code requested for an address without an account; nothing sent');
  if (owner !== undefined) {
    const mail = { recipient: address, templateType: spec.template, context: { code: value, expiresInMinutes: Math.round(codeLifespan(ctx) / 60_000), traits: owner.traits } };
    void enqueueEmail(ctx, mail).catch((err: unknown) => ctx.log.error({ err, flow_id: flow.id, identity_id: owner.id }, 'code mail could not be queued'));
  }
  return { kind: 'answer', flow: next, status: 200 };
};
