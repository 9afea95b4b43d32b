import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toHttpRequest, toProxyResult } from '../../../lambdas/handlers/api-gateway-event';

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
