/**
 * A minimal browser for protocol tests: a cookie jar honouring Path and Max-Age, and requests
 * that do not follow redirects, so each hop's status and Location can be asserted.
 */
interface Cookie {
  value: string;
  path: string;
}

export interface Hop {
  status: number;
  location: string | null;
  url: string;
  body: string;
  headers: Headers;
}

export class Browser {
  readonly jar = new Map<string, Cookie>();

  cookieHeader(url: URL): string {
    return [...this.jar.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const maxAge = attrs.find((a) => a.toLowerCase().startsWith('max-age='));
      if (maxAge && Number(maxAge.slice(8)) <= 0) this.jar.delete(name);
      else this.jar.set(name, { value, path });
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Hop> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.store(res.headers.getSetCookie());
    return { status: res.status, location: res.headers.get('location'), url, body: await res.text(), headers: res.headers };
  }

  get(url: string): Promise<Hop> {
    return this.request(url);
  }
}

export const queryOf = (location: string | null): URLSearchParams => {
  if (!location) throw new Error('expected a redirect with a Location header');
  return new URL(location).searchParams;
};
