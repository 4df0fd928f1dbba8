/**
 * A flow page opened without `?flow=` starts its flow: a 303 to the identity server's browser
 * endpoint, which creates the flow (and the CSRF cookie) and sends the browser back with `?flow=`.
 * Only the parameters the endpoint understands are passed on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { browserFlowUrl, type FlowKind, type IdentityContext } from '@olympus/identity';
import { queryParam, seeOther } from '../send.ts';

export const startBrowserFlow = (
  identity: IdentityContext, req: FastifyRequest, reply: FastifyReply, kind: FlowKind, keep: readonly string[],
): FastifyReply => {
  const params = Object.fromEntries(keep.map((name) => [name, queryParam(req, name)]));
  return seeOther(reply, browserFlowUrl(identity.config, kind, params));
};
