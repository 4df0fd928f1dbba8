/**
 * Security notices after a settings change (docs/security.md ID-18; Kratos' `notify_previous_addresses`
 * hook and `authenticator_key_added` template): an email address replaced → a notice to the old
 * address; a second factor added → a notice to the account's addresses. Queued in the courier; a
 * failure to queue is logged and never undoes the change that was made.
 */
import type { IdentityContext } from '../../context.ts';
import { enqueueEmail, type EmailRequest } from '../../courier/enqueue.ts';
import type { CredentialType, Identity } from '../../identities/identity.ts';

const emailsOf = (identity: Identity): string[] =>
  identity.verifiable_addresses.filter((a) => a.via === 'email').map((a) => a.value);

/** Set up now: absent before, or replaced (new recovery codes). */
const addedFactor = (before: Identity, after: Identity, type: CredentialType): boolean => {
  const now = after.credentials[type];
  return now !== undefined && JSON.stringify(now.config) !== JSON.stringify(before.credentials[type]?.config);
};

export const settingsNotices = (before: Identity, after: Identity): EmailRequest[] => {
  const notices: EmailRequest[] = [];
  const [newAddress] = emailsOf(after);
  if (newAddress !== undefined) {
    for (const old of emailsOf(before).filter((address) => !emailsOf(after).includes(address))) {
      notices.push({ recipient: old, templateType: 'verifiable_address_changed', context: { traits: after.traits, newAddress } });
    }
  }
  for (const method of ['totp', 'lookup_secret'] as const) {
    if (!addedFactor(before, after, method)) continue;
    for (const recipient of emailsOf(after)) notices.push({ recipient, templateType: 'authenticator_key_added', context: { traits: after.traits, method } });
  }
  return notices;
};

export const sendSettingsNotices = async (ctx: IdentityContext, before: Identity, after: Identity): Promise<void> => {
  for (const notice of settingsNotices(before, after)) {
    try {
      await enqueueEmail(ctx, notice);
    } catch (err) {
      ctx.log.warn({ identity_id: after.id, template_type: notice.templateType, err: err instanceof Error ? err.message : String(err) }, 'settings notice not queued');
    }
  }
};
