import { createWebAppRoute, WEB_APP_CSP, webAppCsp, type WebAppFiles } from '../../../lambdas/http/web-app';
import type { HttpRequest } from '../../../lambdas/http/types';

const request = (method: string, path: string): HttpRequest => ({
  method,
  path,
  query: {},
  headers: {},
  body: Buffer.alloc(0),
});

const files: WebAppFiles = new Map([
  ['/', { body: Buffer.from('<!doctype html>'), contentType: 'text/html; charset=utf-8', immutable: false }],
  [
    '/assets/mail-AB12.js',
    { body: Buffer.from('export{}'), contentType: 'text/javascript', immutable: true },
  ],
]);

describe('createWebAppRoute', () => {
  it('serves the page and its assets with the security headers, caching only hashed assets', async () => {
    const route = createWebAppRoute(async () => files);

    const page = await route(request('GET', '/'));
    const asset = await route(request('GET', '/assets/mail-AB12.js'));

    expect(page).toMatchObject({ statusCode: 200, body: Buffer.from('<!doctype html>') });
    expect(page!.headers).toMatchObject({
      'content-security-policy': WEB_APP_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    expect(asset!.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(WEB_APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('answers HEAD without a body and a missing asset with 404', async () => {
    const route = createWebAppRoute(async () => files);

    expect(await route(request('HEAD', '/'))).toMatchObject({ statusCode: 200, body: '' });
    expect(await route(request('GET', '/assets/gone.js'))).toMatchObject({ statusCode: 404 });
  });

  it("serves the admin console's settings as {}: the admin API is on the same origin, never cached", async () => {
    const route = createWebAppRoute(async () => files);

    const config = await route(request('GET', '/admin/config.json'));
    expect(config).toMatchObject({ statusCode: 200, body: '{}' });
    expect(config!.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-cache',
      'content-security-policy': WEB_APP_CSP,
    });
  });

  it('lets scripts connect to the given origins besides its own (the cloud adds the admin API)', () => {
    expect(WEB_APP_CSP).toContain("connect-src 'self';");
    expect(webAppCsp(['https://api.example.com'])).toContain("connect-src 'self' https://api.example.com;");
    expect(webAppCsp(['https://api.example.com']).replace(' https://api.example.com', '')).toBe(WEB_APP_CSP);
  });

  it('leaves other methods and paths to the next handler', async () => {
    const route = createWebAppRoute(async () => files);

    expect(await route(request('POST', '/'))).toBeUndefined();
    expect(await route(request('GET', '/openapi.json'))).toBeUndefined();
    expect(await route(request('GET', '/.well-known/jmap'))).toBeUndefined();
  });

  it('builds once, on the first request, and tries again after a failed build', async () => {
    let builds = 0;
    const route = createWebAppRoute(async () => {
      builds += 1;
      if (builds === 1) throw new Error('build failed');
      return files;
    });

    expect(builds).toBe(0);
    await expect(route(request('GET', '/'))).rejects.toThrow('build failed');
    await route(request('GET', '/'));
    await route(request('GET', '/assets/mail-AB12.js'));
    expect(builds).toBe(2);
  });
});
