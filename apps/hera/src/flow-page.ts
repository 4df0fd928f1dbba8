/**
 * What every page rendering a self-service flow shares: the OAuth2 login request the flow serves
 * (for the client's name, its redirect origins and ui_locales), the shell in the right language, and
 * the CSP that lets the form's redirects reach the app.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import type { SelfServiceFlow } from '@olympus/identity';
import { allowFormRedirectsTo } from './csp.ts';
import { uiLocalesOf } from './i18n/locale.ts';
import { shellFor, type Shell } from './shell/shell.ts';

export interface FlowLoginRequest {
  client?: { client_id?: string; client_name?: string; redirect_uris?: string[] };
  request_url?: string;
}

export const loginRequestOf = (flow: SelfServiceFlow): FlowLoginRequest | undefined =>
  flow.internal.oauth2LoginRequest as FlowLoginRequest | undefined;

export const clientNameOf = (client: FlowLoginRequest['client']): string | undefined => client?.client_name || client?.client_id;

export const flowShell = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig, flow: SelfServiceFlow): Shell => {
  const request = loginRequestOf(flow);
  allowFormRedirectsTo(reply, config, request?.client);
  return shellFor(req, config, uiLocalesOf(request?.request_url));
};
