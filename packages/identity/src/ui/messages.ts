/**
 * The message catalog: every UiText the identity server shows, under Kratos' numeric ids (a stable
 * i18n key space that @ory/elements and other renderers translate by id; docs/compatibility.md §2.3)
 * with English texts of our own and the `context` values a translation needs. Each call returns a
 * fresh object, so callers may attach it to a flow without sharing state.
 */
import type { UiText, UiTextType } from './node.ts';

const make = (type: UiTextType) => (id: number, text: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text, type, context } : { id, text, type };
const info = make('info');
const error = make('error');
const success = make('success');

const minutesSince = (expiredAt: number, now: number): number => Math.max(0, Math.round((now - expiredAt) / 60_000));
const expiredContext = (expiredAt: number) => ({
  expired_at: new Date(expiredAt).toISOString(),
  expired_at_unix: Math.floor(expiredAt / 1000),
});
const flowExpired = (id: number, flow: string) => (expiredAt: number, now: number): UiText =>
  error(id, `This ${flow} form expired ${minutesSince(expiredAt, now)} minutes ago; please start again.`, expiredContext(expiredAt));

export const messages = {
  // Login (1010xxx)
  signIn: () => info(1010001, 'Sign in'),
  signInWith: (provider: string) => info(1010002, `Sign in with ${provider}`, { provider }),
  confirmItIsYou: () => info(1010003, 'Please confirm it is you to continue.'),
  secondFactorRequired: () => info(1010004, 'Please complete the second authentication step.'),
  totpCodeLabel: () => info(1010006, 'Authenticator app code'),
  lookupCodeLabel: () => info(1010007, 'Recovery code'),
  useAuthenticator: () => info(1010009, 'Use authenticator app'),
  useLookupCode: () => info(1010010, 'Use a recovery code'),
  loginContinue: () => info(1010013, 'Continue'),
  loginCodeSent: () => info(1010014, 'We sent a sign-in code to the address you entered. If it does not arrive, check the address and your spam folder.'),
  sendLoginCode: () => info(1010015, 'Send sign-in code'),
  signInWithPassword: () => info(1010022, 'Sign in with password'),

  // Registration (1040xxx)
  signUp: () => info(1040001, 'Sign up'),
  signUpWith: (provider: string) => info(1040002, `Sign up with ${provider}`, { provider }),
  registrationContinue: () => info(1040003, 'Continue'),
  registrationCodeSent: () => info(1040005, 'We sent a sign-up code to the address you entered.'),
  sendRegistrationCode: () => info(1040006, 'Send sign-up code'),

  // Settings (1050xxx)
  settingsSaved: () => success(1050001, 'Your changes were saved.'),
  unlinkTotp: () => info(1050004, 'Remove authenticator app'),
  totpQrCode: () => info(1050005, 'QR code for your authenticator app'),
  totpSecret: (secret: string) => info(1050006, secret, { secret }),
  revealLookupSecrets: () => info(1050007, 'Show recovery codes'),
  regenerateLookupSecrets: () => info(1050008, 'Create new recovery codes'),
  lookupSecret: (secret: string) => info(1050009, secret, { secret }),
  lookupSecretsLabel: () => info(1050010, 'Keep these recovery codes somewhere safe: each one signs you in once if you lose your second factor.'),
  confirmLookupSecrets: () => info(1050011, 'I have saved my recovery codes'),
  lookupSecretUsed: (usedAt: string) => info(1050014, `Used on ${usedAt}`, { used_at: usedAt }),
  lookupSecretList: (secrets: string[]) => info(1050015, secrets.join(', '), { secrets }),
  disableLookupSecrets: () => info(1050016, 'Remove recovery codes'),
  totpSecretLabel: () => info(1050017, 'If you cannot scan the QR code, type this key into your authenticator app.'),

  // Recovery (1060xxx)
  recoverySuccessful: (privilegedUntil: string) =>
    success(1060001, 'Your account is recovered. Set a new password now; this is possible without signing in again until '
      + `${privilegedUntil}.`, { privileged_session_expires_at: privilegedUntil }),
  recoveryCodeSent: () => info(1060003, 'If an account uses this address, a recovery code is on its way there. '
    + 'Nothing arrived? Check the spelling and use the address you registered with.'),

  // Node labels (1070xxx)
  passwordLabel: () => info(1070001, 'Password'),
  generatedLabel: (title: string) => info(1070002, title, { title }),
  saveLabel: () => info(1070003, 'Save'),
  identifierLabel: () => info(1070004, 'ID'),
  submitLabel: () => info(1070005, 'Submit'),
  verifyCodeLabel: () => info(1070006, 'Verify code'),
  emailLabel: () => info(1070007, 'E-Mail'),
  resendCodeLabel: () => info(1070008, 'Send the code again'),
  continueLabel: () => info(1070009, 'Continue'),
  recoveryCodeLabel: () => info(1070010, 'Recovery code'),
  verificationCodeLabel: () => info(1070011, 'Verification code'),
  registrationCodeLabel: () => info(1070012, 'Sign-up code'),
  loginCodeLabel: () => info(1070013, 'Sign-in code'),

  // Verification (1080xxx)
  verificationEmailSent: () => info(1080001, 'If this address belongs to an account, a verification message is on its way.'),
  verificationSuccessful: () => success(1080002, 'Your email address is verified.'),
  verificationCodeSent: () => info(1080003, 'If this address belongs to an account, a verification code is on its way. Enter it below.'),

  // Validation errors (4000xxx)
  generic: (reason: string) => error(4000001, reason, { reason }),
  required: (property: string) => error(4000002, `Property ${property} is missing.`, { property }),
  minLength: (minLength: number, actualLength: number) =>
    error(4000003, `Use at least ${minLength} characters (this has ${actualLength}).`, { min_length: minLength, actual_length: actualLength }),
  invalidFormat: (format: string, value: unknown) =>
    error(4000004, `${JSON.stringify(value)} is not a valid ${format}.`, { format, value }),
  passwordPolicy: (reason: string) => error(4000005, `This password cannot be used: ${reason}.`, { reason }),
  invalidCredentials: () => error(4000006, 'These credentials are not valid. Check the spelling of your password and of your '
    + 'username, email address or phone number.'),
  /** Kratos' 4000027: social sign-in found the address on another account; linking is never silent (docs/security.md ID-22). */
  duplicateCredentialsOnOidc: (provider: string) => error(4000027, `An account with the same identifier (email address, phone number, username, …) exists already. `
    + `Sign in to that account with the way you signed in before; your ${provider} account is then linked to it.`, { provider }),
  duplicateCredentials: () => error(4000007, 'An account with this identifier (email address, phone number, username, …) already exists.'),
  totpInvalid: () => error(4000008, 'This authentication code is not valid; please try again.'),
  identifierMissing: () => error(4000009, 'The identity schema marks no trait as a login identifier, so no password can be set; '
    + 'this is a server configuration problem.'),
  addressNotVerified: () => error(4000010, 'This account has no verified address yet; verify it first.'),
  noTotpDevice: () => error(4000011, 'This account has no authenticator app set up.'),
  lookupSecretAlreadyUsed: () => error(4000012, 'This recovery code was used already.'),
  noLookupSecrets: () => error(4000014, 'This account has no recovery codes set up.'),
  lookupSecretInvalid: () => error(4000016, 'This recovery code is not valid.'),
  maxLength: (maxLength: number, actualLength: number) =>
    error(4000017, `Use at most ${maxLength} characters (this has ${actualLength}).`, { max_length: maxLength, actual_length: actualLength }),
  wrongType: (expected: string, actual: string) =>
    error(4000026, `Expected ${expected}, got ${actual}.`, { allowed_types: [expected], actual_type: actual }),
  passwordTooSimilar: () => error(4000031, 'This password is too close to your identifier; choose one that does not resemble it.'),
  passwordMinLength: (minLength: number, actualLength: number) =>
    error(4000032, `The password needs at least ${minLength} characters; this one has ${actualLength}.`,
      { min_length: minLength, actual_length: actualLength }),
  passwordMaxLength: (maxLength: number, actualLength: number) =>
    error(4000033, `The password may be at most ${maxLength} bytes long; this one has ${actualLength}.`,
      { max_length: maxLength, actual_length: actualLength }),
  passwordCommon: () => error(4000034, 'This password is on lists of common or leaked passwords that attackers try first; choose another one.'),
  passwordSameAsOld: () => error(4000039, 'The new password must differ from the current one.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    error(4000901, `Too many requests. Wait ${retryAfterSeconds} seconds, then try again.`, { retry_after_seconds: retryAfterSeconds }),

  // Login errors (4010xxx)
  loginFlowExpired: flowExpired(4010001, 'sign-in'),
  noLoginMethod: () => error(4010002, 'No sign-in method matches this form. Were all fields filled in?'),
  noRegistrationMethod: () => error(4010003, 'No sign-up method matches this form. Were all fields filled in?'),
  noSettingsMethod: () => error(4010004, 'No settings method matches this form. Were all fields filled in?'),
  noRecoveryMethod: () => error(4010005, 'No recovery method matches this form.'),
  noVerificationMethod: () => error(4010006, 'No verification method matches this form.'),
  loginAlreadyCompleted: () => error(4010007, 'This sign-in was completed already and cannot be submitted again.'),
  loginCodeInvalid: () => error(4010008, 'This sign-in code is not valid or was used already; please try again.'),
  identityDisabled: () => error(4010011, 'This account is disabled. Please contact support.'),
  // Olympus' own ids end in 9xx within Kratos' ranges; renderers that do not know them show the text.
  // The same lockout text for every identifier, known or not, right password or wrong (ID-6, ID-7).
  loginLockedOut: (lockoutMs: number) => {
    const minutes = Math.max(1, Math.ceil(lockoutMs / 60_000));
    return error(4010901, `Too many unsuccessful sign-in attempts. Wait up to ${minutes} minute${minutes === 1 ? '' : 's'}, then try again, or recover your account.`,
      { retry_within_minutes: minutes });
  },

  // Registration, settings, recovery, verification errors (404xxxx–407xxxx)
  registrationFlowExpired: flowExpired(4040001, 'sign-up'),
  registrationAlreadyCompleted: () => error(4040002, 'This sign-up was completed already and cannot be submitted again.'),
  registrationCodeInvalid: () => error(4040003, 'This sign-up code is not valid or was used already; please try again.'),
  settingsFlowExpired: flowExpired(4050001, 'settings'),
  recoveryAlreadyCompleted: () => error(4060001, 'This recovery was completed already and cannot be submitted again.'),
  recoveryFailed: () => error(4060002, 'This recovery cannot continue; please start again.'),
  recoveryTokenInvalid: () => error(4060004, 'This recovery link is not valid or was used already; please start again.'),
  recoveryFlowExpired: flowExpired(4060005, 'recovery'),
  recoveryCodeInvalid: () => error(4060006, 'This recovery code is not valid or was used already; please try again.'),
  verificationTokenInvalid: () => error(4070001, 'This verification link is not valid or was used already; please start again.'),
  verificationAlreadyCompleted: () => error(4070002, 'This verification was completed already and cannot be submitted again.'),
  verificationFailed: () => error(4070003, 'This verification cannot continue; please start again.'),
  verificationFlowExpired: flowExpired(4070005, 'verification'),
  verificationCodeInvalid: () => error(4070006, 'This verification code is not valid or was used already; please try again.'),

  // System (5000xxx)
  systemError: (reason: string) => error(5000001, reason, { reason }),
} as const;

export type MessageName = keyof typeof messages;
