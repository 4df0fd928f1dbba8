// Hera's only script, served from the origin (CSP `script-src 'self'`, never inline) on pages whose
// flow carries a passkey or security-key button. It reads the options the identity server put in the
// form (Kratos' `passkey_challenge`, `passkey_create_data`, `webauthn_challenge`,
// `webauthn_create_data`), runs navigator.credentials (W3C WebAuthn Level 3 §5.1.3, §5.1.4), writes
// the answer as JSON into the form's hidden field and submits the form. Everything else on the page
// works without it; without it the trigger buttons stay hidden.
(() => {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  // Trigger button → the options field, the answer field and the ceremony (docs/operations/passkeys.md).
  const TRIGGERS = {
    passkey_login_trigger: { options: 'passkey_challenge', answer: 'passkey_login', ceremony: 'get' },
    webauthn_login_trigger: { options: 'webauthn_challenge', answer: 'webauthn_login', ceremony: 'get' },
    // Settings answer in passkey_settings_register, a passkey sign-up in passkey_register (Kratos' names).
    passkey_register_trigger: { options: 'passkey_create_data', answer: ['passkey_settings_register', 'passkey_register'], ceremony: 'create' },
    webauthn_register_trigger: { options: 'webauthn_create_data', answer: 'webauthn_register', ceremony: 'create' },
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

  const optionsOf = (form, name) => {
    const field = form.elements.namedItem(name);
    return field ? JSON.parse(field.value).publicKey : undefined;
  };

  const submitAnswer = (form, names, credential) => {
    const name = [].concat(names).find((n) => form.elements.namedItem(n));
    form.elements.namedItem(name).value = JSON.stringify(answerJson(credential));
    form.submit();
  };

  // Conditional UI (§5.1.4 mediation "conditional"): the browser lists passkeys in the identifier
  // field's autofill (autocomplete="username webauthn"); only one request may be pending, so a button
  // press aborts it first. Not after a refusal shown on the page: the user chooses what to try next.
  let conditional;
  const startConditional = async () => {
    const field = document.querySelector('input[name="passkey_challenge"]');
    if (document.querySelector('.message.error:not([hidden])')) return;
    const available = PublicKeyCredential.isConditionalMediationAvailable && (await PublicKeyCredential.isConditionalMediationAvailable());
    if (!field || !available || !document.querySelector('input[autocomplete~="webauthn"]')) return;
    conditional = new AbortController();
    try {
      const publicKey = requestOptions(JSON.parse(field.value).publicKey);
      const credential = await navigator.credentials.get({ publicKey, mediation: 'conditional', signal: conditional.signal });
      if (credential) submitAnswer(field.form, 'passkey_login', credential);
    } catch {
      // Aborted for a button press, or the user closed the list: the page stays as it is.
    }
  };

  const showFailure = (button) => {
    const note = button.nextElementSibling && button.nextElementSibling.matches('.webauthn-failed') ? button.nextElementSibling : undefined;
    if (note) note.hidden = false;
  };

  const run = async (button, trigger) => {
    const form = button.form;
    const options = optionsOf(form, trigger.options);
    if (!options) return;
    if (conditional) conditional.abort();
    try {
      const credential = trigger.ceremony === 'create'
        ? await navigator.credentials.create({ publicKey: creationOptions(options) })
        : await navigator.credentials.get({ publicKey: requestOptions(options) });
      if (credential) submitAnswer(form, trigger.answer, credential);
    } catch {
      // The user cancelled or the authenticator refused: say so next to the button, nothing is sent.
      showFailure(button);
    }
  };

  for (const button of document.querySelectorAll('button[data-webauthn-trigger]')) {
    const trigger = TRIGGERS[button.name];
    if (!trigger || !button.form) continue;
    button.hidden = false;
    button.addEventListener('click', () => void run(button, trigger));
  }
  void startConditional();
})();
