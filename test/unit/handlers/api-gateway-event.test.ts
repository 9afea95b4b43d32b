import type { APIGatewayProxyEvent } from 'aws-lambda';
import { publicBaseUrl, toHttpRequest, toProxyResult } from '../../../lambdas/handlers/api-gateway-event';

const event = (overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST',
    path: '/',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { path: '/v1/', identity: { sourceIp: '203.0.113.9' } },
    ...overrides,
  }) as unknown as APIGatewayProxyEvent;

describe('Handler mapping: API Gateway REST proxy event', () => {
  it('keeps the signed path with the stage, lower-cases headers and joins repeated values', () => {
    const request = toHttpRequest(
      event({
        headers: { 'X-Amz-Target': 'WorkMailService.ListUsers' },
        multiValueHeaders: { 'X-Amz-Target': ['WorkMailService.ListUsers'], 'X-Custom': ['a', 'b'] },
      }),
    );
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/',
      headers: { 'x-amz-target': 'WorkMailService.ListUsers', 'x-custom': 'a,b' },
      sourceIp: '203.0.113.9',
    });
  });

  it('decodes a base64 body to the exact bytes sent', () => {
    const bytes = Buffer.from([0, 255, 10, 13, 128]);
    const request = toHttpRequest(event({ body: bytes.toString('base64'), isBase64Encoded: true }));
    expect(Buffer.compare(request.body, bytes)).toBe(0);
  });

  it('restores content-length from the body when the event lacks it, and keeps a given one', () => {
    expect(toHttpRequest(event({ body: 'héllo' })).headers['content-length']).toBe('6');
    expect(
      toHttpRequest(event({ body: 'x', headers: { 'Content-Length': '1' } })).headers['content-length'],
    ).toBe('1');
    expect(toHttpRequest(event({ httpMethod: 'GET' })).headers['content-length']).toBeUndefined();
  });

  it('reads text bodies and query strings as given', () => {
    const request = toHttpRequest(
      event({
        httpMethod: 'get',
        body: '{"a":1}',
        requestContext: undefined as never,
        path: '/organizations',
        multiValueQueryStringParameters: { MaxResults: ['5'] },
      }),
    );
    expect(request).toMatchObject({ method: 'GET', path: '/organizations', query: { MaxResults: '5' } });
    expect(request.body.toString()).toBe('{"a":1}');
  });

  it('returns text bodies as text and binary bodies base64-encoded', () => {
    expect(toProxyResult({ statusCode: 200, headers: { a: 'b' }, body: '{}' })).toEqual({
      statusCode: 200,
      headers: { a: 'b' },
      body: '{}',
    });
    expect(toProxyResult({ statusCode: 200, headers: {}, body: Buffer.from('raw mime') })).toEqual({
      statusCode: 200,
      headers: {},
      body: Buffer.from('raw mime').toString('base64'),
      isBase64Encoded: true,
    });
  });
});

describe('Handler mapping: requests through the web app distribution (CloudFront)', () => {
  const secret = 'origin-secret-0123456789';
  const viaCloudFront = (headers: Record<string, string>) =>
    event({
      httpMethod: 'GET',
      path: '/jmap/api/',
      headers: { Host: 'abc.execute-api.eu-west-1.amazonaws.com', ...headers },
      requestContext: {
        path: '/v1/jmap/api/',
        domainName: 'abc.execute-api.eu-west-1.amazonaws.com',
        identity: { sourceIp: '130.176.0.1' },
      } as never,
    });
  const forwarded = {
    'X-Mailwright-Origin-Secret': secret,
    'CloudFront-Viewer-Address': '198.51.100.7:52311',
    'X-Mailwright-Viewer-Host': 'Mail.Example.com',
  };

  it('takes the client from CloudFront-Viewer-Address and the public URL from the viewer host when the secret matches', () => {
    const trusted = viaCloudFront(forwarded);
    const request = toHttpRequest(trusted, { cloudFrontSecret: secret });
    expect(request).toMatchObject({ sourceIp: '198.51.100.7', path: '/jmap/api/' });
    expect(request.headers['x-mailwright-origin-secret']).toBeUndefined();
    expect(publicBaseUrl(trusted, { cloudFrontSecret: secret })).toBe('https://mail.example.com');
  });

  it('reads IPv6 viewer addresses, which CloudFront writes without brackets', () => {
    const request = toHttpRequest(
      viaCloudFront({ ...forwarded, 'CloudFront-Viewer-Address': '2001:db8::7:443' }),
      { cloudFrontSecret: secret },
    );
    expect(request.sourceIp).toBe('2001:db8::7');
  });

  it.each([
    ['no secret header', { 'X-Mailwright-Origin-Secret': undefined }],
    ['a wrong secret', { 'X-Mailwright-Origin-Secret': 'origin-secret-0123456780' }],
    ['a prefix of the secret', { 'X-Mailwright-Origin-Secret': secret.slice(0, -1) }],
  ])('ignores spoofed viewer headers with %s: API Gateway’s address, path and domain stay', (_, change) => {
    const headers = Object.fromEntries(
      Object.entries({ ...forwarded, ...change }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const spoofed = viaCloudFront(headers);
    expect(toHttpRequest(spoofed, { cloudFrontSecret: secret })).toMatchObject({
      sourceIp: '130.176.0.1',
      path: '/v1/jmap/api/',
    });
    expect(publicBaseUrl(spoofed, { cloudFrontSecret: secret })).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/v1',
    );
  });

  it('trusts nothing when the function has no secret (no web app deployed), even a matching-looking header', () => {
    const request = toHttpRequest(viaCloudFront({ ...forwarded, 'X-Mailwright-Origin-Secret': '' }));
    expect(request.sourceIp).toBe('130.176.0.1');
    expect(toHttpRequest(viaCloudFront(forwarded)).sourceIp).toBe('130.176.0.1');
  });

  it('falls back to API Gateway’s values for a malformed viewer address or host', () => {
    const odd = viaCloudFront({
      ...forwarded,
      'CloudFront-Viewer-Address': 'not-an-address',
      'X-Mailwright-Viewer-Host': 'evil.example/path',
    });
    expect(toHttpRequest(odd, { cloudFrontSecret: secret }).sourceIp).toBe('130.176.0.1');
    expect(publicBaseUrl(odd, { cloudFrontSecret: secret })).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/v1',
    );
  });

  it('keeps no stage prefix on a custom domain mapped at the root', () => {
    const custom = event({
      path: '/jmap/api/',
      requestContext: { path: '/jmap/api/', domainName: 'mail.example.com' } as never,
    });
    expect(publicBaseUrl(custom)).toBe('https://mail.example.com');
  });
});
