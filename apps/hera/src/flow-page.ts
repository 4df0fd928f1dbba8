/**
 * What every page rendering a self-service flow shares: the OAuth2 login request the flow serves
 * (for the client's name, its redirect origins and ui_locales), the shell in the right language, and
 * the CSP that lets the form's redirects reach the app.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { knownLoginRequest, type SelfServiceFlow } from '@olympus/identity';
import type { LoginRequest } from '@olympus/oauth2';
import { allowFormRedirectsTo } from './csp.ts';
import { uiLocalesOf } from './i18n/locale.ts';
import { shellFor, type Shell } from './shell/shell.ts';

/** The OAuth2 login request the flow serves, as the flow read it at its start (typed). */
export const loginRequestOf = (flow: SelfServiceFlow): LoginRequest | undefined => knownLoginRequest(flow);

export const clientNameOf = (request: LoginRequest | undefined): string | undefined => request?.client?.client_name || request?.clientId;

export const flowShell = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig, flow: SelfServiceFlow): Shell => {
  const request = loginRequestOf(flow);
  allowFormRedirectsTo(reply, config, request?.client, true);
  return shellFor(req, config, uiLocalesOf(request?.requestUrl));
};
