/** One answer the browser got, after following redirects. */
export interface BrowserPage {
  readonly status: number;
  readonly url: string;
  readonly body: string;
  readonly headers: Headers;
}

/**
 * A plain HTTP client that acts like a browser for redirect-based sign-in: it follows redirects itself, keeps
 * cookies per host (every cookie goes back to its host; paths and flags are not modelled), and submits the first
 * form of a page. No script runs.
 * @example
 * const browser = new RedirectBrowser();
 * let page = await browser.open(`${mw.url}/auth/acme/login`);
 * page = await browser.submitForm(page, { login: 'ana', password: 'x' });
 */
export class RedirectBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  /**
   * GETs a URL and follows its redirects, stopping early at a URL for which `stopAt` is true (unfetched).
   * @param url - where to go
   * @param stopAt - a URL not to fetch (e.g. the callback, to tamper with it)
   */
  async open(url: string, stopAt?: (url: string) => boolean): Promise<BrowserPage> {
    return this.follow(url, { method: 'GET' }, stopAt);
  }

  /** Submits the first form of a page (POST, urlencoded) with these fields added to its hidden ones. */
  async submitForm(
    page: BrowserPage,
    fields: Readonly<Record<string, string>>,
    stopAt?: (url: string) => boolean,
  ): Promise<BrowserPage> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    if (!action) throw new Error(`No form on ${page.url}`);
    const hidden = Object.fromEntries(
      [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
        match[1]!,
        match[2]!,
      ]),
    );
    const body = new URLSearchParams({ ...hidden, ...fields }).toString();
    return this.follow(
      new URL(action.replace(/&amp;/g, '&'), page.url).toString(),
      { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      stopAt,
    );
  }

  /** A request with this browser's cookies for the URL's host (no redirect following). */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(url, response);
    return response;
  }

  /** The value of a cookie this browser holds for a URL's host. */
  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  private async follow(
    url: string,
    init: RequestInit,
    stopAt?: (url: string) => boolean,
  ): Promise<BrowserPage> {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 20; hop += 1) {
      if (stopAt?.(current)) return { status: 0, url: current, body: '', headers: new Headers() };
      const response = await this.fetch(current, request);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        request = { method: 'GET' };
        continue;
      }
      return {
        status: response.status,
        url: current,
        body: await response.text(),
        headers: response.headers,
      };
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  private cookieHeader(url: string): string {
    const jar = this.jars.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  private remember(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const removed = /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line) || value === '';
      if (removed) jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(host, jar);
  }
}
