import { withCors } from '../../../lambdas/http/cors';
import { adminSession } from '../../../web/src/admin/api';
import type { HttpRequest } from '../../../lambdas/http/types';

const CONSOLE = 'https://mail.example.com';
const request = (method: string, headers: Record<string, string>): HttpRequest => ({
  method,
  path: '/v1/',
  query: {},
  headers,
  body: Buffer.alloc(0),
});
const api = withCors(CONSOLE, async (seen) => ({
  statusCode: 403,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ __type: 'AccessDeniedException', method: seen.method }),
}));

describe('HTTP: CORS for the admin console in the cloud', () => {
  it("answers the console's preflight itself: POST, the signer's headers, no credentials", async () => {
    const response = await api(
      request('OPTIONS', {
        origin: CONSOLE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-target',
      }),
    );
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': CONSOLE,
      'access-control-allow-methods': 'POST',
      vary: 'Origin',
    });
    expect(response.headers['access-control-allow-headers']?.split(', ')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-amz-date', 'x-amz-target']),
    );
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it("allows every header the console's signer sends (the browser sets Host itself)", async () => {
    const session = adminSession(
      'AKMWEXAMPLE',
      'secret',
      'eu-west-1',
      new URL('https://api.example.com/v1/'),
    );
    const signed = await session.signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname: 'api.example.com',
      path: '/v1/',
      headers: {
        host: 'api.example.com',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'WorkMailService.ListUsers',
      },
      body: '{}',
    });
    const preflight = await api(
      request('OPTIONS', { origin: CONSOLE, 'access-control-request-method': 'POST' }),
    );
    const allowed = preflight.headers['access-control-allow-headers']!.split(', ');
    const sent = Object.keys(signed.headers).filter((name) => name !== 'host');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(allowed).toEqual(expect.arrayContaining(sent));
  });

  it("adds the console's origin to the API's answers to it, keeping them as they are", async () => {
    const response = await api(request('POST', { origin: CONSOLE }));
    expect(response.statusCode).toBe(403);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'access-control-allow-origin': CONSOLE,
    });
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a look-alike of the console', 'https://mail.example.com.evil.example'],
    ['the console over plain http', 'http://mail.example.com'],
  ])('grants %s nothing: its preflight reaches the API, no CORS header comes back', async (_, origin) => {
    for (const method of ['OPTIONS', 'POST']) {
      const response = await api(request(method, { origin, 'access-control-request-method': 'POST' }));
      expect(JSON.parse(String(response.body))).toMatchObject({ method });
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('changes nothing for SDK and CLI calls (no Origin) or when no web app is deployed', async () => {
    const none = withCors(undefined, async () => ({ statusCode: 200, headers: {}, body: '{}' }));
    expect((await none(request('POST', { origin: CONSOLE }))).headers).toEqual({});
    expect((await api(request('POST', {}))).headers).toEqual({ 'content-type': 'application/json' });
  });
});
