import { jest } from '@jest/globals';
import type { CalendarModel } from '../../../../lambdas/core/calendar/calendar-model';
import type { SignInResult } from '../../../../lambdas/core/user-auth/types';
import { createDavApi } from '../../../../lambdas/http/dav/dav-api';
import type { HttpRequest } from '../../../../lambdas/http/types';

const USER = { organizationId: 'm-1', userId: 'u-1', email: 'ana@example.com', method: 'password' as const };
const request = (method: string, path: string, body = ''): HttpRequest => ({
  method,
  path,
  query: {},
  headers: { authorization: 'Basic x', depth: '0' },
  body: Buffer.from(body),
});
/** A model whose every call fails the way a parser does: with a message quoting the data. */
const failing = new Proxy({} as CalendarModel, {
  get: () => () => Promise.reject(new SyntaxError('invalid line: SUMMARY:Secret board meeting')),
});

describe('createDavApi', () => {
  const api = (signIn: SignInResult, logError?: (message: string, error: unknown) => void) =>
    createDavApi({
      baseUrl: 'https://mail.example.com/v1/dav',
      authenticate: async () => signIn,
      calendars: failing,
      sharedMailboxes: async () => [],
      ...(logError ? { logError } : {}),
    });

  it('answers only paths under its base (and the well-known ones)', async () => {
    const dav = api({ ok: true, user: USER });
    expect(await dav(request('GET', '/jmap/api/'))).toBeUndefined();
    expect(await dav(request('PROPFIND', '/.well-known/caldav'))).toMatchObject({
      statusCode: 301,
      headers: { location: '/v1/dav/' },
    });
  });

  it('answers an unexpected failure with a bare 500 and logs only the error’s name, never its message', async () => {
    // Prepare
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Act
      const response = await api({ ok: true, user: USER })(
        request('PROPFIND', '/v1/dav/calendars/u-1/calendar/'),
      );
      // Assess
      expect(response).toMatchObject({ statusCode: 500, body: '' });
      const logged = errors.mock.calls.map((call) => call.join(' ')).join('\n');
      expect(logged).toContain('SyntaxError');
      expect(logged).not.toContain('Secret');
    } finally {
      errors.mockRestore();
    }
  });

  it('answers a throttled sign-in 429 with Retry-After, before anything is read', async () => {
    const response = await api({ ok: false, reason: 'THROTTLED', retryAfterSeconds: 7 })(
      request('PROPFIND', '/v1/dav/'),
    );
    expect(response).toMatchObject({ statusCode: 429, headers: { 'retry-after': '7' } });
  });

  it('answers a path that names nothing 404 without asking the model', async () => {
    const response = await api({ ok: true, user: USER })(request('PROPFIND', '/v1/dav/elsewhere/u-1/'));
    expect(response?.statusCode).toBe(404);
  });
});
