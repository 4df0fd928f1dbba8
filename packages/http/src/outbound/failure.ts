/**
 * An outbound request was refused or failed. The message is a predicate about the URL
 * ("answered HTTP 500 instead of 200"), so callers can put the URL and its role in front of it.
 */
export class OutboundFailure extends Error {
  override readonly name = 'OutboundFailure';
}
