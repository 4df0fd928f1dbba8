/**
 * Whether the authorization request demands a fresh login despite a live identity session:
 * `prompt=login` (OIDC Core §3.1.2.1) or a `max_age` the session's authentication is older than.
 */
export const demandsFreshLogin = (requestUrl: string, authenticatedAt: string, now: number): boolean => {
  let params: URLSearchParams;
  try {
    params = new URL(requestUrl).searchParams;
  } catch {
    return false;
  }
  if ((params.get('prompt') ?? '').split(' ').includes('login')) return true;
  const maxAge = params.get('max_age');
  if (maxAge === null || !/^\d+$/.test(maxAge)) return false;
  return now - Date.parse(authenticatedAt) > Number(maxAge) * 1000;
};
