/**
 * The UI as data (docs/compatibility.md §2.3): every flow carries a container of nodes that any Kratos
 * renderer (Hera, @ory/elements, kratos-selfservice-ui-node) can draw without knowing the method.
 */
export type UiTextType = 'info' | 'error' | 'success';

export interface UiText {
  id: number;
  text: string;
  type: UiTextType;
  context?: Record<string, unknown>;
}

export type UiNodeGroup = 'default' | 'password' | 'profile' | 'code' | 'totp' | 'lookup_secret' | 'webauthn' | 'passkey' | 'oidc' | 'link';

export interface UiNodeInputAttributes {
  node_type: 'input';
  name: string;
  type: 'text' | 'password' | 'number' | 'checkbox' | 'hidden' | 'email' | 'tel' | 'submit' | 'button' | 'url';
  value?: unknown;
  required?: boolean;
  disabled: boolean;
  autocomplete?: string;
  pattern?: string;
  maxlength?: number;
  label?: UiText;
  /**
   * The window function of the `webauthn_script` node (webauthn-script.ts) a UI calls when the button
   * is pressed, or when the input is drawn (Kratos' `onclickTrigger` / `onloadTrigger`). Kratos'
   * deprecated `onclick` / `onload` strings are not sent: running them needs an inline script.
   */
  onclickTrigger?: WebAuthnTrigger;
  onloadTrigger?: WebAuthnTrigger;
}

/** Kratos' names of the functions Olympus' WebAuthn script defines on `window` (ui/webauthn.js). */
export type WebAuthnTrigger =
  | 'oryPasskeyLogin' | 'oryPasskeyLoginAutocompleteInit' | 'oryPasskeyRegistration' | 'oryPasskeySettingsRegistration'
  | 'oryWebAuthnLogin' | 'oryWebAuthnRegistration';

export interface UiNodeTextAttributes { node_type: 'text'; id: string; text: UiText }
export interface UiNodeImageAttributes { node_type: 'img'; id: string; src: string; width: number; height: number }
export interface UiNodeAnchorAttributes { node_type: 'a'; id: string; href: string; title: UiText }

/** A script the UI loads (Kratos' `webauthn_script`); a UI that brings its own may leave it out. */
export interface UiNodeScriptAttributes {
  node_type: 'script';
  id: string;
  src: string;
  async: boolean;
  referrerpolicy: string;
  crossorigin: string;
  integrity: string;
  type: string;
  nonce: string;
}

export type UiNodeAttributes = UiNodeInputAttributes | UiNodeTextAttributes | UiNodeImageAttributes | UiNodeAnchorAttributes | UiNodeScriptAttributes;

export interface UiNode {
  type: UiNodeAttributes['node_type'];
  group: UiNodeGroup;
  attributes: UiNodeAttributes;
  messages: UiText[];
  meta: { label?: UiText };
}

export interface UiContainer {
  action: string;
  method: 'POST';
  nodes: UiNode[];
  messages?: UiText[];
}
