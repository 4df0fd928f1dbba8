/**
 * Consent shown to a client the developer thought trusted (seed 003): consent is skipped only for a
 * first-party client (`skip_consent` on the client or `hera.first_party_clients`) or a remembered
 * consent, never when the app sent prompt=consent, and never for a public client whose redirect URI
 * cannot prove who receives the code (RFC 9700 §2.1, OAuth 2.1 §7.1.2 / RFC 8252 §8.6). The notice
 * says which of these held.
 */
import type { TraceEvent } from '../../event.ts';
import { flagAt, shown, textsAt } from '../read-evidence.ts';
import { clientOf, line, notice, type NoticeRule } from '../rule.ts';

const reason = (event: TraceEvent, name: string): boolean | undefined => flagAt(event, `skip_reasons.${name}`);

const fixesOf = (event: TraceEvent): string[] => {
  const fixes: string[] = [];
  if (reason(event, 'prompt_consent') === true) fixes.push('the app sent prompt=consent, which always shows consent: drop it');
  if (reason(event, 'public_client_untrusted_redirect') === true) fixes.push('a public client with this redirect URI never skips consent: use a confidential client or an https redirect URI of its own');
  if (reason(event, 'first_party') !== true) fixes.push(`mark your own app first-party: \`olympus update oauth2-client ${clientOf(event)} --skip-consent\` or add it to \`hera.first_party_clients\``);
  if (reason(event, 'remembered_consent') !== true) fixes.push('or let the user tick "remember" once (consent is then remembered for these scopes)');
  return fixes;
};

export const consentNotSkipped: NoticeRule = (event) => {
  if (event.stop !== 'consent_shown' || flagAt(event, 'skip') !== false) return [];
  return [notice(event, 'consent_not_skipped', {
    summary: `Consent was shown to client "${clientOf(event)}": it is not first-party and no consent was remembered${reason(event, 'prompt_consent') === true ? ', and the app asked for it with prompt=consent' : ''}.`,
    evidence: [
      line('first-party (skip_consent or hera.first_party_clients)', shown(reason(event, 'first_party'))),
      line('remembered consent', shown(reason(event, 'remembered_consent'))),
      line('prompt=consent', shown(reason(event, 'prompt_consent'))),
      line('public client with untrusted redirect', shown(reason(event, 'public_client_untrusted_redirect'))),
      line('requested scopes', shown(textsAt(event, 'requested_scopes'))),
    ],
    fix: `To skip it: ${fixesOf(event).join('; ')}.`,
  })];
};
