/**
 * Where a browser starts a self-service flow: GET /self-service/<kind>/browser on the public origin
 * with the given query parameters (in this order; empty ones are left out). Step-ups, re-logins and
 * UIs all send browsers here, so the identity server creates the flow and its CSRF cookie.
 */
import type { OlympusConfig } from '@olympus/config';
import type { FlowKind } from './flow.ts';

export const browserFlowUrl = (
  config: Pick<OlympusConfig, 'serve'>,
  kind: FlowKind,
  params: Readonly<Record<string, string | undefined>> = {},
): string => {
  const url = new URL(`/self-service/${kind}/browser`, config.serve.public.url);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return url.toString();
};
