/** Every command, in the order help lists them. */
import type { Command } from './command.ts';
import { createClient } from './commands/cmd-create-client.ts';
import { createJwk } from './commands/cmd-create-jwk.ts';
import { deleteAccessTokens } from './commands/cmd-delete-access-tokens.ts';
import { deleteClient } from './commands/cmd-delete-client.ts';
import { deleteJwk } from './commands/cmd-delete-jwk.ts';
import { getClient } from './commands/cmd-get-client.ts';
import { getConsentRequest, getLoginRequest } from './commands/cmd-get-challenge-request.ts';
import { getJwk } from './commands/cmd-get-jwk.ts';
import { importClient } from './commands/cmd-import-client.ts';
import { introspectToken } from './commands/cmd-introspect-token.ts';
import { courierList } from './commands/cmd-courier-list.ts';
import { janitor } from './commands/cmd-janitor.ts';
import { listClients } from './commands/cmd-list-clients.ts';
import { migrate } from './commands/cmd-migrate.ts';
import { performAuthorizationCodeCommand } from './commands/cmd-perform-authorization-code.ts';
import { performClientCredentials } from './commands/cmd-perform-client-credentials.ts';
import { revokeToken } from './commands/cmd-revoke-token.ts';
import { serve } from './commands/cmd-serve.ts';
import { updateClient } from './commands/cmd-update-client.ts';
import { version } from './commands/cmd-version.ts';
import { deleteIdentity, identitiesDelete } from './commands/cmd-delete-identity.ts';
import { getIdentity, identitiesGet } from './commands/cmd-get-identity.ts';
import { importIdentities } from './commands/cmd-import-identities.ts';
import { identitiesList, listIdentities } from './commands/cmd-list-identities.ts';
import { listAuditEvents } from './commands/cmd-list-audit-events.ts';
import { trace } from './commands/cmd-trace.ts';
import { identitiesGrantRole, identitiesRevokeRole } from './commands/cmd-identities-role.ts';

export const COMMANDS: readonly Command[] = [
  createClient,
  getClient,
  updateClient,
  deleteClient,
  listClients,
  importClient,
  getLoginRequest,
  getConsentRequest,
  introspectToken,
  revokeToken,
  deleteAccessTokens,
  performClientCredentials,
  performAuthorizationCodeCommand,
  createJwk,
  getJwk,
  deleteJwk,
  serve,
  migrate,
  janitor,
  courierList,
  listAuditEvents,
  trace,
  importIdentities,
  identitiesList,
  identitiesGet,
  identitiesDelete,
  identitiesGrantRole,
  identitiesRevokeRole,
  listIdentities,
  getIdentity,
  deleteIdentity,
  version,
];

export const commandsWithVerb = (verb: string): Command[] => COMMANDS.filter((command) => command.verb === verb);

export const commandName = (command: Command): string => [command.verb, command.nouns[0]].filter(Boolean).join(' ');
