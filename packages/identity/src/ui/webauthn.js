// Olympus' one WebAuthn script, served from the public origin at Kratos' path /.well-known/ory/webauthn.js
// and named by the flows' `webauthn_script` node with its Subresource Integrity hash (webauthn-script.ts).
// It defines Kratos' window functions that Ory Elements' passkey and security-key buttons call by their
// `onclickTrigger` / `onloadTrigger`, and shows Hera's hidden trigger buttons (`data-webauthn-trigger`)
// and runs the same ceremonies for them. Each reads the options the identity server put in the form
// (`passkey_challenge`, `passkey_create_data`, `webauthn_challenge`, `webauthn_create_data`), runs
// navigator.credentials (W3C WebAuthn Level 3 §5.1.3, §5.1.4), writes the answer as JSON into the
// form's hidden answer field and submits the form as a plain form post (docs/operations/passkeys.md).
(() => {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials || window.__oryWebAuthnInitialized) return;

  // Each ceremony: where its options are, where its answer goes (the first field the form has), create or get.
  const CEREMONIES = {
    passkeyLogin: { options: 'passkey_challenge', answer: ['passkey_login'], create: false },
    webauthnLogin: { options: 'webauthn_challenge', answer: ['webauthn_login'], create: false },
    passkeyRegistration: { options: 'passkey_create_data', answer: ['passkey_register'], create: true },
    passkeySettingsRegistration: { options: 'passkey_create_data', answer: ['passkey_settings_register'], create: true },
    // Hera's one enrol button serves settings and the sign-up: the answer field tells them apart.
    passkeyEnrol: { options: 'passkey_create_data', answer: ['passkey_settings_register', 'passkey_register'], create: true },
    webauthnRegistration: { options: 'webauthn_create_data', answer: ['webauthn_register'], create: true },
  };
  const HERA_TRIGGERS = {
    passkey_login_trigger: 'passkeyLogin', webauthn_login_trigger: 'webauthnLogin',
    passkey_register_trigger: 'passkeyEnrol', webauthn_register_trigger: 'webauthnRegistration',
  };

  const bytes = (b64url) => {
    const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)).buffer;
  };
  const b64url = (buffer) => {
    let s = '';
    for (const b of new Uint8Array(buffer)) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const withIds = (list) => (list || []).map((c) => ({ ...c, id: bytes(c.id) }));

  const creationOptions = (o) => ({ ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: withIds(o.excludeCredentials) });
  const requestOptions = (o) => ({ ...o, challenge: bytes(o.challenge), allowCredentials: withIds(o.allowCredentials) });

  // PublicKeyCredential.toJSON() where the browser has it, else the same shape by hand (§5.1.1).
  const answerJson = (credential) => {
    if (typeof credential.toJSON === 'function') return credential.toJSON();
    const r = credential.response;
    const response = { clientDataJSON: b64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = b64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = b64url(r.authenticatorData);
      response.signature = b64url(r.signature);
      if (r.userHandle) response.userHandle = b64url(r.userHandle);
    }
    return {
      id: credential.id, rawId: b64url(credential.rawId), type: credential.type, response,
      authenticatorAttachment: credential.authenticatorAttachment || undefined, clientExtensionResults: credential.getClientExtensionResults(),
    };
  };

  const field = (scope, name) => scope.querySelector(`[name="${name}"]`);

  // A native submission (not requestSubmit): the form posts to the flow's action like any form, also
  // in a UI whose own submit handler would send JSON. The prototype's submit, in case a field is named "submit".
  const submitAnswer = (answerField, credential) => {
    answerField.value = JSON.stringify(answerJson(credential));
    HTMLFormElement.prototype.submit.call(answerField.form);
  };

  // Conditional UI (§5.1.4 mediation "conditional"): the browser lists passkeys in the identifier
  // field's autofill (autocomplete="username webauthn"); only one request may be pending, so a button
  // press aborts it first. Not after a refusal shown on the page: the user chooses what to try next.
  let conditional;
  const abortConditional = () => {
    if (conditional) conditional.abort();
    conditional = undefined;
  };
  const startConditional = async () => {
    const options = field(document, 'passkey_challenge');
    const answer = field(document, 'passkey_login');
    if (!options || !answer || !answer.form || document.querySelector('.message.error:not([hidden])')) return;
    const available = PublicKeyCredential.isConditionalMediationAvailable && (await PublicKeyCredential.isConditionalMediationAvailable());
    if (!available || !document.querySelector('input[autocomplete~="webauthn"]')) return;
    abortConditional();
    const controller = new AbortController();
    conditional = controller;
    try {
      const publicKey = requestOptions(JSON.parse(options.value).publicKey);
      const credential = await navigator.credentials.get({ publicKey, mediation: 'conditional', signal: controller.signal });
      if (credential) submitAnswer(answer, credential);
    } catch {
      // Aborted for a button press, or the user closed the list: the page stays as it is.
    }
  };

  /** Runs one ceremony with the fields of `scope` (Hera: the button's form; Elements: the document). */
  const run = async (name, scope) => {
    const ceremony = CEREMONIES[name];
    const options = field(scope, ceremony.options);
    const answer = ceremony.answer.map((n) => field(scope, n)).find((f) => f && f.form);
    if (!options || !answer) throw new Error(`the form has no ${ceremony.options} or ${ceremony.answer.join('/')} field`);
    const { publicKey } = JSON.parse(options.value);
    abortConditional();
    const credential = ceremony.create
      ? await navigator.credentials.create({ publicKey: creationOptions(publicKey) })
      : await navigator.credentials.get({ publicKey: requestOptions(publicKey) });
    if (credential) submitAnswer(answer, credential);
  };

  // Kratos' names, called without arguments by Ory Elements (its `onclickTrigger` values).
  const kratosTrigger = (name) => () =>
    run(name, document).catch((err) => console.error(`WebAuthn ${name}: the ceremony did not complete`, err));
  Object.assign(window, {
    oryPasskeyLogin: kratosTrigger('passkeyLogin'),
    oryPasskeyLoginAutocompleteInit: startConditional,
    oryPasskeyRegistration: kratosTrigger('passkeyRegistration'),
    oryPasskeySettingsRegistration: kratosTrigger('passkeySettingsRegistration'),
    oryWebAuthnLogin: kratosTrigger('webauthnLogin'),
    oryWebAuthnRegistration: kratosTrigger('webauthnRegistration'),
    __oryWebAuthnInitialized: true,
  });

  // Hera's buttons are drawn hidden (a page without this script shows nothing that cannot work).
  const showFailure = (button) => {
    const note = button.nextElementSibling && button.nextElementSibling.matches('.webauthn-failed') ? button.nextElementSibling : undefined;
    if (note) note.hidden = false;
  };
  const wireHera = () => {
    for (const button of document.querySelectorAll('button[data-webauthn-trigger]')) {
      const name = HERA_TRIGGERS[button.name];
      if (!name || !button.form) continue;
      button.hidden = false;
      // A passkey sign-up's second step: its first step's button would only ask for new options, under the same label.
      if (name === 'passkeyEnrol') for (const first of button.form.querySelectorAll('button[name="method"][value="passkey"]')) first.hidden = true;
      // The user cancelled or the authenticator refused: say so next to the button, nothing is sent.
      button.addEventListener('click', () => void run(name, button.form).catch(() => showFailure(button)));
    }
    void startConditional();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireHera);
  else wireHera();
  // Ory Elements enables its passkey button on this event when the script loaded after it rendered.
  window.dispatchEvent(new Event('oryWebAuthnInitialized'));
})();
