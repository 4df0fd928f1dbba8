/** The part of `negotiator` (no bundled types) the pages use to pick a language. */
declare module 'negotiator' {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    language(available?: string[]): string | undefined;
  }
}
