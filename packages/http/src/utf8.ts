/**
 * Request input is UTF-8 (RFC 8259 §8.1 for JSON; the WHATWG URL Standard's
 * application/x-www-form-urlencoded parser for forms and query strings), and bytes that are not are
 * refused rather than silently replaced by U+FFFD, which would store text nobody sent.
 */
import { UnreadableRequest } from './unreadable-request.ts';

// fatal: throw instead of substituting U+FFFD; ignoreBOM: keep a BOM, as Node's own decoding did.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** A run of percent-escapes: the bytes of one or more characters, which must be UTF-8 on their own. */
const ESCAPE_RUN = /(?:%[0-9a-fA-F]{2})+/g;

const notUtf8 = (what: string): UnreadableRequest =>
  new UnreadableRequest(`The ${what} is not valid UTF-8.`, {
    hint: 'Encode every text as UTF-8 (and percent-encode its UTF-8 bytes in forms and query strings); other character sets are refused, not guessed.',
  });

const decodeOrRefuse = (bytes: Uint8Array, what: string): string => {
  try {
    return decoder.decode(bytes);
  } catch {
    throw notUtf8(what);
  }
};

/** The text of a request body, refused when its bytes are not UTF-8. */
export const decodeUtf8Body = (bytes: Uint8Array): string => decodeOrRefuse(bytes, 'request body');

/**
 * Percent-decodes one name or value of form-encoded text (URL Standard §5.1: "+" is a space, then
 * escapes become bytes), refusing escapes that are not UTF-8 (`%FF`, a lone `%C3`), which a lenient
 * decoder would turn into U+FFFD. Unescaped characters are text already; a "%" without two hex
 * digits stays as it is.
 */
export const decodeFormComponent = (text: string, what: string): string =>
  // Most names and values (grant types, tokens, ids) hold neither: they are returned as they are.
  !text.includes('%') && !text.includes('+') ? text
    : text.replaceAll('+', ' ').replace(ESCAPE_RUN, (run) => decodeOrRefuse(Buffer.from(run.replaceAll('%', ''), 'hex'), what));
