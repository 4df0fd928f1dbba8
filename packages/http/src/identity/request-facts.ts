/**
 * The request facts the identity core's flow tracer records (RequestFacts in @olympus/identity): the
 * request id, the Origin header and the names of the cookies sent — never a cookie's value.
 */
import type { FastifyRequest } from 'fastify';
import type { RequestFacts } from '@olympus/identity';
import { parseCookies } from '../cookies.ts';

/** Enough for any real origin or cookie list; a header padded beyond it is cut, not stored whole. */
const MAX_ORIGIN = 200;
const MAX_COOKIES = 32;

export const requestIdFacts = (req: FastifyRequest): RequestFacts => ({ requestId: String(req.id) });

export const requestFactsOf = (req: FastifyRequest): RequestFacts => {
  const origin = req.headers.origin;
  return {
    requestId: String(req.id),
    origin: typeof origin === 'string' && origin !== '' ? origin.slice(0, MAX_ORIGIN) : null,
    cookieNames: Object.keys(parseCookies(req.headers.cookie)).slice(0, MAX_COOKIES),
  };
};
