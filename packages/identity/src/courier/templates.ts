/**
 * Plain-text e-mail templates, one per template type. A one-time code always stands alone on its
 * own line so people can copy it and tests can read it (`extractCode`).
 */
import type { CourierTemplateType } from './message.ts';

export interface TemplateContext {
  /** The one-time code (code templates). */
  code?: string;
  /** How long the code stays valid. */
  expiresInMinutes?: number;
  /** The identity's traits, for the greeting. */
  traits?: Record<string, unknown>;
  /** verifiable_address_changed: the address the account uses now. */
  newAddress?: string;
  /** authenticator_key_added: the method that was added (e.g. "totp"). */
  method?: string;
}

export interface RenderedEmail {
  subject: string;
  body: string;
}

type Template = (context: TemplateContext) => RenderedEmail;

/** "Hello Ada," from traits.name (a string or {first, last}), else a plain "Hello,". */
const greeting = (traits: Record<string, unknown> | undefined): string => {
  const name = traits?.name;
  const first = typeof name === 'string' ? name : typeof name === 'object' && name !== null ? (name as { first?: unknown }).first : undefined;
  return typeof first === 'string' && first.trim() !== '' ? `Hello ${first.trim()},` : 'Hello,';
};

const required = <K extends keyof TemplateContext>(context: TemplateContext, key: K, type: string): NonNullable<TemplateContext[K]> => {
  const value = context[key];
  if (value === undefined || value === null || value === '') throw new Error(`The ${type} template needs ${String(key)} in its context.`);
  return value as NonNullable<TemplateContext[K]>;
};

const validity = (context: TemplateContext): string =>
  context.expiresInMinutes === undefined ? 'The code can be used once.' : `The code can be used once, within ${context.expiresInMinutes} minutes.`;

const codeMessage = (type: string, subject: string, why: string, ignore: string): Template => (context) => ({
  subject,
  body: [greeting(context.traits), '', why, '', required(context, 'code', type), '', validity(context), ignore, ''].join('\n'),
});

const TEMPLATES: Record<CourierTemplateType, Template> = {
  recovery_code_valid: codeMessage(
    'recovery_code_valid',
    'Your account recovery code',
    'We received a request to get back into your account. Enter this code on the recovery page:',
    'If you did not ask for this, you can ignore this message: nothing changes until the code is used.',
  ),
  verification_code_valid: codeMessage(
    'verification_code_valid',
    'Confirm your email address',
    'Enter this code to confirm that this address belongs to you:',
    'If you did not add this address to an account, you can ignore this message.',
  ),
  registration_code_valid: codeMessage(
    'registration_code_valid',
    'Your sign-up code',
    'Enter this code to finish creating your account:',
    'If you did not try to sign up, you can ignore this message.',
  ),
  login_code_valid: codeMessage(
    'login_code_valid',
    'Your sign-in code',
    'Enter this code to sign in:',
    'If you did not try to sign in, someone may know your address; you can ignore this message.',
  ),
  recovery_code_invalid: (context) => ({
    subject: 'Someone tried to recover an account with this address',
    body: [
      greeting(context.traits), '',
      'Someone asked to recover an account with this email address, but no account uses it.',
      'If it was you, you may have signed up with another address. If it was not, you can ignore this message.', '',
    ].join('\n'),
  }),
  verification_code_invalid: (context) => ({
    subject: 'Someone tried to verify this address',
    body: [
      greeting(context.traits), '',
      'Someone asked to verify this email address, but no account uses it.',
      'If it was you, you may have signed up with another address. If it was not, you can ignore this message.', '',
    ].join('\n'),
  }),
  verifiable_address_changed: (context) => ({
    subject: 'The email address of your account changed',
    body: [
      greeting(context.traits), '',
      `Your account now uses ${required(context, 'newAddress', 'verifiable_address_changed')} instead of this address.`,
      'If you made this change, there is nothing to do.',
      'If you did not, recover your account right away and review its settings.', '',
    ].join('\n'),
  }),
  authenticator_key_added: (context) => ({
    subject: 'A sign-in method was added to your account',
    body: [
      greeting(context.traits), '',
      `A new sign-in method (${required(context, 'method', 'authenticator_key_added')}) was added to your account.`,
      'If you added it, there is nothing to do.',
      'If you did not, recover your account right away and remove it in your account settings.', '',
    ].join('\n'),
  }),
  stub: (context) => ({
    subject: 'A test message from Olympus',
    body: [greeting(context.traits), '', 'This message checks that the courier can reach you. No action is needed.', ''].join('\n'),
  }),
};

export const renderTemplate = (type: CourierTemplateType, context: TemplateContext): RenderedEmail => TEMPLATES[type](context);

/** The first line of a body that is only a code (digits or letters, 4–32 characters). */
export const extractCode = (body: string): string | undefined =>
  body.split(/\r?\n/).map((line) => line.trim()).find((line) => /^[A-Za-z0-9]{4,32}$/.test(line) && /[0-9]/.test(line));
