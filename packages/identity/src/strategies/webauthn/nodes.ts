/**
 * The nodes of both WebAuthn methods, with Kratos' names: the options a browser passes to
 * navigator.credentials (a hidden input holding JSON), the hidden input the page's script fills with
 * the authenticator's answer, and the trigger button (type `button`: it only starts the ceremony, so
 * a renderer without JavaScript shows nothing that cannot work), with Kratos' `onclickTrigger` and the
 * `webauthn_script` node that loads the script defining it (ui/webauthn.js, also Hera's).
 */
import type { OlympusConfig } from '@olympus/config';
import type { UiNode, UiNodeGroup, WebAuthnTrigger } from '../../ui/node.ts';
import { inputNode, submitNode, textNode } from '../../ui/nodes.ts';
import { webauthnScriptNode } from '../../ui/webauthn-script.ts';
import { webauthnMessages as m } from './messages.ts';
import { methodEnabled, type WebAuthnMethod } from './relying-party.ts';
import type { StoredWebAuthnCredential } from './stored.ts';

/** Kratos' node names per method: options, answer and trigger of login and of enrolment in settings. */
export const NODE_NAMES = {
  passkey: {
    loginOptions: 'passkey_challenge', login: 'passkey_login', loginTrigger: 'passkey_login_trigger',
    createOptions: 'passkey_create_data', register: 'passkey_settings_register', registerTrigger: 'passkey_register_trigger',
    displayName: 'passkey_display_name', remove: 'passkey_remove', rename: 'passkey_rename',
  },
  webauthn: {
    loginOptions: 'webauthn_challenge', login: 'webauthn_login', loginTrigger: 'webauthn_login_trigger',
    createOptions: 'webauthn_create_data', register: 'webauthn_register', registerTrigger: 'webauthn_register_trigger',
    displayName: 'webauthn_register_displayname', remove: 'webauthn_remove', rename: 'webauthn_rename',
  },
} as const satisfies Record<WebAuthnMethod, Record<string, string>>;

const group = (method: WebAuthnMethod): UiNodeGroup => method;

/** Kratos' window functions per method (ui/webauthn.js): login, and enrolment in settings. */
const TRIGGERS = {
  passkey: { login: 'oryPasskeyLogin', register: 'oryPasskeySettingsRegistration' },
  webauthn: { login: 'oryWebAuthnLogin', register: 'oryWebAuthnRegistration' },
} as const satisfies Record<WebAuthnMethod, Record<string, WebAuthnTrigger>>;

/** The script node, once per flow: settings with both methods get it from the passkey section. */
const scriptNodes = (config: OlympusConfig, method: WebAuthnMethod): UiNode[] =>
  method === 'webauthn' && methodEnabled(config, 'passkey') ? [] : [webauthnScriptNode(config.serve.public.url)];

/**
 * Login: the script, the request options as JSON (`{publicKey: …}`), the answer's input (a passkey's
 * starts conditional UI when drawn, as Kratos' does) and the button. Login offers one method at a time.
 */
export const loginNodes = (config: OlympusConfig, method: WebAuthnMethod, options: unknown): UiNode[] => {
  const names = NODE_NAMES[method];
  const label = method === 'passkey' ? m.signInWithPasskey() : m.useSecurityKey();
  const onload = method === 'passkey' ? { onloadTrigger: 'oryPasskeyLoginAutocompleteInit' as const } : {};
  return [
    webauthnScriptNode(config.serve.public.url),
    inputNode(group(method), names.loginOptions, 'hidden', { value: JSON.stringify({ publicKey: options }) }),
    inputNode(group(method), names.login, 'hidden', { value: '', ...onload }),
    inputNode(group(method), names.loginTrigger, 'button', { value: '', label, onclickTrigger: TRIGGERS[method].login }),
  ];
};

/** Settings: each credential with its remove and rename buttons, then the name field and the enrolment. */
export const settingsNodes = (config: OlympusConfig, method: WebAuthnMethod, stored: StoredWebAuthnCredential[], createOptions: unknown): UiNode[] => {
  const names = NODE_NAMES[method];
  const listed = stored.flatMap((c, i) => [
    textNode(group(method), `${method}_credential_${i}`, m.credentialListed(c.display_name, c.added_at)),
    submitNode(group(method), c.id, method === 'passkey' ? m.removePasskey(c.display_name) : m.removeSecurityKey(c.display_name), names.remove),
    submitNode(group(method), c.id, m.renameCredential(c.display_name), names.rename),
  ]);
  return [
    ...scriptNodes(config, method),
    ...listed,
    inputNode(group(method), names.displayName, 'text', { value: '', label: method === 'passkey' ? m.passkeyName() : m.securityKeyName(), maxlength: 100 }),
    inputNode(group(method), names.createOptions, 'hidden', { value: JSON.stringify({ publicKey: createOptions }) }),
    inputNode(group(method), names.register, 'hidden', { value: '' }),
    inputNode(group(method), names.registerTrigger, 'button', {
      value: '', label: method === 'passkey' ? m.addPasskey() : m.addSecurityKey(), onclickTrigger: TRIGGERS[method].register,
    }),
  ];
};
