/**
 * A recovery code as the second factor (method `lookup_secret`, login with aal=aal2). A used code
 * is refused with 4000012, an unknown one with 4000016. Marking a code used is guarded by the
 * single-use store as TOTP steps are, so two concurrent submissions of one code cannot both win.
 */
import type { IdentityContext } from '../../context.ts';
import { stringField } from '../../flows/body.ts';
import { InternalError } from '../../errors.ts';
import type { Identity } from '../../identities/identity.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError, type LoginStrategy } from '../strategy.ts';
import { findLookupCode, storedCodesOf } from './codes.ts';
import { lookupLoginNodes } from './nodes.ts';

const NAMESPACE = 'olympus:identity:lookup_secret';
/** The used_at mark is the lasting record; the claim only has to outlive concurrent requests. */
const CLAIM_LIFETIME_MS = 24 * 3_600_000;

const useCode = async (ctx: IdentityContext, identity: Identity, typed: string): Promise<Identity> => {
  const credential = identity.credentials.lookup_secret;
  const codes = storedCodesOf(credential);
  if (!credential || codes.length === 0) throw new FlowValidationError([messages.noLookupSecrets()]);
  const index = findLookupCode(ctx, codes, typed);
  if (index < 0) throw new FlowValidationError([messages.lookupSecretInvalid()]);
  const claimed = codes[index].used_at === null
    && (await ctx.oauth2.claimOnce(NAMESPACE, codes[index].code_hash, ctx.now() + CLAIM_LIFETIME_MS));
  if (!claimed) {
    ctx.log.info({ identity_id: identity.id, reason: 'lookup_secret_reused' }, 'recovery code login refused');
    throw new FlowValidationError([messages.lookupSecretAlreadyUsed()]);
  }
  const now = new Date(ctx.now()).toISOString();
  const recovery_codes = codes.map((c, i) => (i === index ? { ...c, used_at: now } : c));
  const updated: Identity = {
    ...identity,
    credentials: { ...identity.credentials, lookup_secret: { ...credential, config: { ...credential.config, recovery_codes }, updated_at: now } },
  };
  const write = await ctx.storage.identities.updateIdentity(updated);
  if (write.status !== 'ok') throw new InternalError('The used recovery code could not be recorded.', { reason: `identity update: ${write.status}` });
  const left = recovery_codes.filter((c) => c.used_at === null).length;
  ctx.log.info({ identity_id: identity.id, codes_left: left }, 'recovery code accepted');
  return updated;
};

export const lookupSecretLogin = {
  method: 'lookup_secret',

  loginNodes: (_flow, aal, identity?) =>
    aal === 'aal2' && (identity === undefined || identity.credentials.lookup_secret !== undefined) ? lookupLoginNodes() : [],

  async login(ctx, _flow, body, identity?) {
    if (!ctx.config.selfservice.methods.lookupSecret.enabled || identity === undefined) throw new FlowValidationError([messages.noLoginMethod()]);
    const typed = stringField(body, 'lookup_secret').trim();
    if (typed === '') throw new FlowValidationError([], { lookup_secret: [messages.required('lookup_secret')] });
    return { identity: await useCode(ctx, identity, typed), method: 'lookup_secret', aal: 'aal2' };
  },
} satisfies LoginStrategy;
