/**
 * Load-time checks of the WebAuthn relying parties (`selfservice.methods.passkey` and `.webauthn`):
 * a browser refuses a credential whose RP ID is not the origin's host or a registrable suffix of it
 * (W3C WebAuthn Level 3 §5.1.4.1 step 8, §5.1.3 step 7), so such a config could never work and is
 * refused with the fix (docs/troubleshooting/webauthn_rp_id_mismatch.md).
 */
import { isIP } from 'node:net';

interface RelyingParty {
  id: string;
  origins: string[];
}

const isLocalhost = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

/** True when `rpId` is `host` or a suffix of it at a label boundary (HTML's "registrable domain suffix"). */
export const rpIdFits = (rpId: string, host: string): boolean => host === rpId || host.endsWith(`.${rpId}`);

const originIssues = (rp: RelyingParty, at: string): string[] =>
  rp.origins.flatMap((origin) => {
    const url = new URL(origin);
    const issues: string[] = [];
    if (url.protocol !== 'https:' && !isLocalhost(url.hostname)) {
      issues.push(`${at}.origins lists "${origin}", but browsers offer WebAuthn only to https pages (and http://localhost). Fix: use the https origin.`);
    }
    if (!rpIdFits(rp.id, url.hostname)) {
      issues.push(
        `${at}.id is "${rp.id}", which is neither the host of the origin "${origin}" nor a registrable suffix of it, so browsers would refuse every ` +
          `passkey. Fix: set ${at}.id to "${url.hostname}" or a parent domain of it, or list only origins below "${rp.id}".`,
      );
    }
    return issues;
  });

export const relyingPartyIssues = (rp: RelyingParty, at: string): string[] => {
  if (isIP(rp.id.replace(/^\[|\]$/g, '')) !== 0) {
    return [`${at}.id is the IP address "${rp.id}"; a WebAuthn RP ID must be a domain. Fix: serve Olympus under a host name (http://localhost works for development) and set ${at}.id to it.`];
  }
  if (!rp.id.includes('.') && !isLocalhost(rp.id)) {
    return [`${at}.id is "${rp.id}", a top-level name that no page can claim as its registrable domain. Fix: set it to your domain, e.g. "example.com".`];
  }
  return originIssues(rp, at);
};

interface WebAuthnMethods {
  passkey: { enabled: boolean; config: { rp: RelyingParty } };
  webauthn: { enabled: boolean; config: { passwordless: boolean; rp: RelyingParty } };
}

export const webauthnIssues = ({ passkey, webauthn }: WebAuthnMethods): string[] => {
  const issues: string[] = [];
  if (passkey.enabled) issues.push(...relyingPartyIssues(passkey.config.rp, 'selfservice.methods.passkey.config.rp'));
  if (webauthn.enabled) issues.push(...relyingPartyIssues(webauthn.config.rp, 'selfservice.methods.webauthn.config.rp'));
  if (webauthn.config.passwordless) {
    issues.push('selfservice.methods.webauthn.config.passwordless is true; Olympus offers passwordless sign-in as the passkey method. Fix: set it to false and enable selfservice.methods.passkey.');
  }
  return issues;
};
