/**
 * Olympus' WebAuthn script (webauthn.js) and Kratos' `script` node that names it: flows offering a
 * passkey or security key carry the node (id `webauthn_script`, group `webauthn`), so a UI such as
 * Ory Elements loads the script, whose window functions its buttons call by `onclickTrigger`
 * (docs/compatibility.md §2.5). The integrity is the script's SHA-512 (Subresource Integrity §3.1),
 * so a UI on another origin runs exactly these bytes; the public origin serves them with CORS.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { UiNode } from './node.ts';

const source = readFileSync(new URL('./webauthn.js', import.meta.url));

export const WEBAUTHN_SCRIPT = {
  /** Kratos' path on the public origin. */
  path: '/.well-known/ory/webauthn.js',
  source,
  integrity: `sha512-${createHash('sha512').update(source).digest('base64')}`,
} as const;

/** The node Kratos' flows carry; a fresh nonce for a UI whose CSP allows scripts by nonce. */
export const webauthnScriptNode = (publicUrl: string): UiNode => ({
  type: 'script',
  group: 'webauthn',
  attributes: {
    node_type: 'script',
    id: 'webauthn_script',
    src: new URL(WEBAUTHN_SCRIPT.path, publicUrl).toString(),
    async: true,
    referrerpolicy: 'no-referrer',
    crossorigin: 'anonymous',
    integrity: WEBAUTHN_SCRIPT.integrity,
    type: 'text/javascript',
    nonce: randomUUID(),
  },
  messages: [],
  meta: {},
});
