import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { httpFallback, INTERNAL_FAILURE_BODY } from '../../../lambdas/handlers/middleware/http-fallback';

const context = {} as Context;

describe('Middleware: httpFallback', () => {
  it('turns an escaped error into a fixed 500 in the AWS error shape, logging only name and message', async () => {
    // Prepare
    const logged: unknown[] = [];
    const handler = middy<unknown, { statusCode: number; headers: Record<string, string>; body: string }>(
      async () => {
        throw new TypeError('secret table name leaked?');
      },
    ).use(httpFallback({ logger: { error: (message, fields) => logged.push({ message, fields }) } }));
    // Act
    const response = await handler({ body: 'password=hunter2' }, context);
    // Assess
    expect(response).toEqual({
      statusCode: 500,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalFailure' },
      body: INTERNAL_FAILURE_BODY,
    });
    expect(response.body).not.toContain('secret');
    expect(JSON.stringify(logged)).not.toContain('hunter2');
    expect(logged).toEqual([
      {
        message: 'Unhandled error in HTTP handler',
        fields: { errorName: 'TypeError', errorMessage: 'secret table name leaked?' },
      },
    ]);
  });

  it('leaves successful responses untouched', async () => {
    const ok = { statusCode: 200, headers: {}, body: '{}' };
    const handler = middy(async () => ok).use(httpFallback({ logger: { error: () => undefined } }));
    await expect(handler({}, context)).resolves.toBe(ok);
  });

  it('rejects unknown options', () => {
    expect(() => httpFallback({ loger: {} } as never)).toThrow(/unknown option\(s\) loger/);
  });
});
