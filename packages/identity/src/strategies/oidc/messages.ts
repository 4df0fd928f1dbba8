/**
 * The texts of social sign-in in settings and of a registration the provider's claims could not
 * complete: Kratos' ids where Kratos has the text (1050002 "Link …", 1050003 "Unlink …", with the
 * provider in `context` for renderers that translate by id) and Olympus' own 9xx ids otherwise
 * (ui/messages.ts explains the ranges).
 */
import type { UiText, UiTextType } from '../../ui/node.ts';

const text = (type: UiTextType) => (id: number, value: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text: value, type, context } : { id, text: value, type };
const info = text('info');
const error = text('error');

export const oidcMessages = {
  link: (provider: string) => info(1050002, `Link ${provider}`, { provider }),
  unlink: (provider: string) => info(1050003, `Unlink ${provider}`, { provider }),
  linkedElsewhere: (provider: string) => error(4000960, `This ${provider} account is linked to another account here already. `
    + 'Sign in with it and unlink it there first, or link another one.', { provider }),
  notLinked: (provider: string) => error(4000961, `${provider} is not linked to this account.`, { provider }),
  alreadyLinked: (provider: string) => error(4000962, `${provider} is linked to this account already.`, { provider }),
  unknownProvider: (provider: string) => error(4000963, `No sign-in provider "${provider}" is configured.`, { provider }),
  completeTraits: (provider: string) => error(4000964, `${provider} did not provide everything this account needs. `
    + 'Check the fields below and continue.', { provider }),
  // The provider's mapping stopped the sign-in (mapping-errors.ts).
  signInNotAllowed: (provider: string) => error(4000965, `This ${provider} account cannot sign in here. `
    + 'Use another account or another way to sign in.', { provider }),
  mappingFailed: (provider: string) => error(4000966, `Signing in with ${provider} failed: the account's details could not be read. `
    + 'Try another way to sign in, or tell the administrator.', { provider }),
} as const;
