/**
 * The one JSON body parser of both origins: read as bytes up to JSON_BODY_LIMIT, refused unless
 * UTF-8 (utf8.ts) or when nested deeper than MAX_JSON_DEPTH (json-depth.ts), then parsed by
 * Fastify's own parser (which refuses `__proto__` and `constructor` keys). Routes whose core says what is missing from an absent body read an empty one as "no body".
 */
import type { FastifyInstance } from 'fastify';
import { JSON_BODY_LIMIT } from './body-limits.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';
import { UnreadableRequest } from './unreadable-request.ts';
import { decodeUtf8Body } from './utf8.ts';

const tooDeep = (): UnreadableRequest =>
  new UnreadableRequest(`The JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`, {
    hint: `Send JSON nested at most ${MAX_JSON_DEPTH} levels deep; no Olympus API reads deeper documents.`,
  });

export interface JsonBodyOptions {
  /** Media types parsed as JSON in this scope; application/json by default. */
  types?: readonly string[];
  /** An empty body reaches the handler as `undefined` instead of being refused. */
  emptyIsAbsent?: boolean;
}

export const registerJsonBody = (app: FastifyInstance, { types = ['application/json'], emptyIsAbsent = false }: JsonBodyOptions = {}): void => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  for (const type of types) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (req, body, done) => {
      let text: string;
      try {
        text = decodeUtf8Body(body as Buffer);
      } catch (err) {
        return done(err as Error, undefined);
      }
      if (text === '' && emptyIsAbsent) return done(null, undefined);
      if (nestsDeeperThan(text)) return done(tooDeep(), undefined);
      return parseJson(req, text, done);
    });
  }
};
