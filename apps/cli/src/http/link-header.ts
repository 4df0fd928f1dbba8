/** Reads the page token of the `rel="next"` link in a Link header (RFC 8288 §3). */
export const nextPageToken = (linkHeader: string | null): string | undefined => {
  if (!linkHeader) return undefined;
  for (const part of linkHeader.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!match || !/\brel="?next"?/i.test(match[2])) continue;
    const token = new URL(match[1], 'http://link.invalid').searchParams.get('page_token');
    if (token) return token;
  }
  return undefined;
};
