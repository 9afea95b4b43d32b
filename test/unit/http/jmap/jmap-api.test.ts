import { createJmapApi, type JmapApiOptions } from '../../../../lambdas/http/jmap/jmap-api';
import type { HttpRequest, HttpResponse } from '../../../../lambdas/http/types';
import { CORE, MAIL, recordingLogger, recordingMethod, type TestPrincipal } from './fixture';

const TOKEN = 'Bearer good-token';

function request(method: string, path: string, body = '', headers: Record<string, string> = {}): HttpRequest {
  return {
    method,
    path,
    query: {},
    headers: { authorization: TOKEN, 'content-type': 'application/json', ...headers },
    body: Buffer.from(body),
  };
}

function apiCall(body: unknown, headers: Record<string, string> = {}): HttpRequest {
  return request('POST', '/jmap/api/', JSON.stringify(body), headers);
}

function setUp(overrides: Partial<JmapApiOptions<TestPrincipal>> = {}) {
  const logger = recordingLogger();
  const loaded: TestPrincipal[] = [];
  const options: JmapApiOptions<TestPrincipal> = {
    baseUrl: 'https://mail.example.com/jmap',
    authenticate: async (req) =>
      req.headers.authorization === TOKEN
        ? { principal: { user: 'alice' } }
        : { challenge: 'Bearer realm="jmap"' },
    loadAccounts: async (principal) => {
      loaded.push(principal);
      return {
        username: 'alice@example.com',
        accounts: {
          A1: {
            name: 'alice@example.com',
            isPersonal: true,
            isReadOnly: false,
            accountCapabilities: { [MAIL]: {} },
          },
        },
        primaryAccounts: { [MAIL]: 'A1' },
      };
    },
    capabilities: { [MAIL]: {} },
    methods: {
      'Mailbox/get': recordingMethod(MAIL, () => ({ accountId: 'A1', state: '0', list: [], notFound: [] })),
    },
    logger,
    ...overrides,
  };
  return { api: createJmapApi(options), logger, loaded };
}

function body(response: HttpResponse | undefined): Record<string, unknown> {
  return JSON.parse(String(response?.body));
}

describe('JMAP HTTP front end (RFC 8620 §2, §3.1)', () => {
  describe('GET /.well-known/jmap', () => {
    it('answers 200 with the caller session, not cacheable by shared caches', async () => {
      const { api, loaded } = setUp();

      const response = await api(request('GET', '/.well-known/jmap'));

      expect(response?.statusCode).toBe(200);
      expect(response?.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
      });
      expect(body(response)).toMatchObject({
        username: 'alice@example.com',
        apiUrl: 'https://mail.example.com/jmap/api/',
        primaryAccounts: { [MAIL]: 'A1' },
        accounts: { A1: { name: 'alice@example.com' } },
        capabilities: { [CORE]: { maxCallsInRequest: 16 }, [MAIL]: {} },
        state: expect.any(String),
      });
      expect(loaded).toEqual([{ user: 'alice' }]);
    });

    it('answers 401 with the challenge in WWW-Authenticate, without loading any account', async () => {
      const { api, loaded } = setUp();

      const response = await api(request('GET', '/.well-known/jmap', '', { authorization: 'Bearer bad' }));

      expect(response?.statusCode).toBe(401);
      expect(response?.headers).toMatchObject({
        'www-authenticate': 'Bearer realm="jmap"',
        'content-type': 'application/problem+json',
      });
      expect(body(response)).toMatchObject({ status: 401 });
      expect(loaded).toEqual([]);
    });

    it('advertises configured core limits', async () => {
      const { api } = setUp({ core: { maxCallsInRequest: 2, collationAlgorithms: ['i;ascii-casemap'] } });

      const session = body(await api(request('GET', '/.well-known/jmap')));

      expect(session.capabilities).toMatchObject({
        [CORE]: { maxCallsInRequest: 2, maxObjectsInGet: 500, collationAlgorithms: ['i;ascii-casemap'] },
      });
    });
  });

  describe('POST to the API URL', () => {
    it('answers 200 with the Response object, whose sessionState is the session state', async () => {
      const { api } = setUp();
      const session = body(await api(request('GET', '/.well-known/jmap')));

      const response = await api(
        apiCall({
          using: [CORE, MAIL],
          methodCalls: [
            ['Core/echo', { hello: true }, 'c1'],
            ['Mailbox/get', { accountId: 'A1' }, 'c2'],
          ],
        }),
      );

      expect(response?.statusCode).toBe(200);
      expect(response?.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
      });
      expect(body(response)).toEqual({
        methodResponses: [
          ['Core/echo', { hello: true }, 'c1'],
          ['Mailbox/get', { accountId: 'A1', state: '0', list: [], notFound: [] }, 'c2'],
        ],
        sessionState: session.state,
      });
    });

    it('accepts the API URL without its trailing slash', async () => {
      const { api } = setUp();

      const response = await api(
        request('POST', '/jmap/api', JSON.stringify({ using: [], methodCalls: [] })),
      );

      expect(response?.statusCode).toBe(200);
    });

    it.each([
      ['another content type', { 'content-type': 'text/plain' }],
      ['no content type', { 'content-type': '' }],
    ])('answers 400 notJSON for %s', async (_, headers) => {
      const { api } = setUp();

      const response = await api(apiCall({ using: [], methodCalls: [] }, headers));

      expect(response?.statusCode).toBe(400);
      expect(response?.headers['content-type']).toBe('application/problem+json');
      expect(body(response)).toMatchObject({ type: 'urn:ietf:params:jmap:error:notJSON', status: 400 });
    });

    it.each([
      ['notJSON', '{"using": ['],
      ['notRequest', '{"using": [], "methodCalls": [["Core/echo", {}]]}'],
      ['unknownCapability', '{"using": ["urn:example:nope"], "methodCalls": []}'],
    ])('answers 400 %s as problem details', async (type, text) => {
      const { api } = setUp();

      const response = await api(request('POST', '/jmap/api/', text));

      expect(response?.statusCode).toBe(400);
      expect(body(response)).toEqual({
        type: `urn:ietf:params:jmap:error:${type}`,
        status: 400,
        detail: expect.any(String),
      });
    });

    it('applies the configured maxCallsInRequest: exactly the limit runs, one more is a limit error', async () => {
      const { api } = setUp({ core: { maxCallsInRequest: 2 } });
      const echo = (id: string) => ['Core/echo', {}, id];

      const atLimit = await api(apiCall({ using: [CORE], methodCalls: [echo('a'), echo('b')] }));
      const over = await api(apiCall({ using: [CORE], methodCalls: [echo('a'), echo('b'), echo('c')] }));

      expect(atLimit?.statusCode).toBe(200);
      expect(over?.statusCode).toBe(400);
      expect(body(over)).toMatchObject({
        type: 'urn:ietf:params:jmap:error:limit',
        limit: 'maxCallsInRequest',
      });
    });

    it('applies the configured maxSizeRequest', async () => {
      const { api } = setUp({ core: { maxSizeRequest: 100 } });

      const response = await api(
        request('POST', '/jmap/api/', JSON.stringify({ using: [], methodCalls: [] }).padEnd(101)),
      );

      expect(body(response)).toMatchObject({
        type: 'urn:ietf:params:jmap:error:limit',
        limit: 'maxSizeRequest',
      });
    });

    it('answers 401 before looking at the body', async () => {
      const { api } = setUp();

      const response = await api(request('POST', '/jmap/api/', 'not json', { authorization: '' }));

      expect(response?.statusCode).toBe(401);
      expect(response?.headers['www-authenticate']).toBe('Bearer realm="jmap"');
    });
  });

  describe('other requests', () => {
    it.each([
      ['GET', '/jmap/api/', 'POST'],
      ['PUT', '/jmap/api/', 'POST'],
      ['POST', '/.well-known/jmap', 'GET'],
    ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
      const { api } = setUp();

      const response = await api(request(method, path));

      expect(response?.statusCode).toBe(405);
      expect(response?.headers.allow).toBe(allow);
    });

    it.each(['/', '/jmap', '/jmap/api/x', '/api/', '/.well-known/jmapx'])(
      'leaves %s to other routes',
      async (path) => {
        const { api } = setUp();

        expect(await api(request('POST', path))).toBeUndefined();
      },
    );
  });

  describe('failures', () => {
    it('answers a bare 500 and logs the error when the authenticator fails', async () => {
      const { api, logger } = setUp({
        authenticate: async () => {
          throw new Error('token table unreachable at 10.0.0.9');
        },
      });

      const response = await api(request('GET', '/.well-known/jmap'));

      expect(response?.statusCode).toBe(500);
      expect(body(response)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
      expect(logger.lines).toHaveLength(1);
      expect(JSON.stringify(logger.lines[0])).toContain('token table unreachable');
    });

    it('answers a bare 500 when the accounts cannot be loaded', async () => {
      const { api } = setUp({
        loadAccounts: async () => {
          throw new Error('directory down');
        },
      });

      const response = await api(apiCall({ using: [], methodCalls: [] }));

      expect(response?.statusCode).toBe(500);
      expect(String(response?.body)).not.toContain('directory down');
    });
  });

  describe('options', () => {
    it.each([
      ['an invalid base URL', { baseUrl: 'mail.example.com/jmap' }],
      ['a method of a capability not advertised', { capabilities: {} }],
      ['core limits given as a capability', { capabilities: { [MAIL]: {}, [CORE]: {} } }],
      ['a zero limit', { core: { maxCallsInRequest: 0 } }],
      ['a fractional limit', { core: { maxSizeRequest: 1.5 } }],
      [
        'collation algorithms that are not strings',
        { core: { collationAlgorithms: [1] as unknown as string[] } },
      ],
    ])('refuses %s', (_, overrides) => {
      expect(() => setUp(overrides)).toThrow(TypeError);
    });
  });
});
