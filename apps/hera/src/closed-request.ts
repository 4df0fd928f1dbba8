/**
 * A login, consent or logout challenge that can no longer be handled, opened on the public origin:
 * Hera says so and goes nowhere. The admin API answers Hydra's 410 with `redirect_to`, but a page
 * must never hand the step's verifier to a browser that did not complete the step — whoever holds
 * the challenge link is not necessarily that browser (docs/security.md AS-21).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { html } from '@olympus/http';
import { RequestExpired, RequestHandled } from '@olympus/oauth2';
import { shellFor } from './shell/shell.ts';

export const isClosedRequest = (err: unknown): err is RequestHandled | RequestExpired =>
  err instanceof RequestHandled || err instanceof RequestExpired;

export const sendClosedRequestPage = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig, err: RequestHandled | RequestExpired): FastifyReply => {
  req.log.info({ error: err.error, status: err.closed?.status, trace_id: err.traceId }, 'closed challenge opened in Hera: nothing handed out');
  const shell = shellFor(req, config);
  const expired = err instanceof RequestExpired;
  const body = expired
    ? html`<h1>${shell.t.t('closed.expired.heading')}</h1>\n<div role="status"><p>${shell.t.t('closed.expired.text')}</p></div>`
    : html`<h1>${shell.t.t('closed.heading')}</h1>\n<div role="status"><p>${shell.t.t('closed.text')}</p><p>${shell.t.t('closed.again')}</p></div>`;
  return shell.send(reply, shell.t.t(expired ? 'closed.expired.title' : 'closed.title'), body, { status: 410 });
};

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** A page handler whose closed challenge (looked up, or accepted by another window meanwhile) becomes the page above. */
export const closedAsPage = (config: OlympusConfig, handler: Handler): Handler => async (req, reply) => {
  try {
    return await handler(req, reply);
  } catch (err) {
    if (!isClosedRequest(err)) throw err;
    return sendClosedRequestPage(req, reply, config, err);
  }
};
