import { EntityNotFoundException } from '../../../lambdas/core/api/errors';
import type { HttpRequest } from '../../../lambdas/http/types';
import { createTestApi, KEY, ORG, SCOPED } from './api-fixture';
import { signRequest } from './signing';

describe('createHttpApi', () => {
  const { api, logged, call, json } = createTestApi();

  describe('JSON protocol', () => {
    it('dispatches X-Amz-Target and answers 200 with the output and a request id', async () => {
      const response = await call(
        'WorkMailService.EchoUser',
        JSON.stringify({ OrganizationId: ORG, UserId: 'u' }),
      );

      expect(response.statusCode).toBe(200);
      expect(json(response.body)).toEqual({ OrganizationId: ORG, UserId: 'u' });
      expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
    });

    it('answers {} for an operation without output, under MailwrightService', async () => {
      const response = await call('MailwrightService.DoNothing', '');

      expect(response.statusCode).toBe(200);
      expect(json(response.body)).toEqual({});
    });

    it('accepts any base path, e.g. a stage prefix', async () => {
      const response = await call('MailwrightService.DoNothing', '{}', KEY, '/prod/');

      expect(response.statusCode).toBe(200);
    });

    it('answers InvalidAction for an unknown target', async () => {
      const response = await call('WorkMailService.FlyToTheMoon', '{}');

      expect(response.statusCode).toBe(400);
      expect(json(response.body)).toEqual({
        __type: 'InvalidAction',
        Message: expect.stringContaining('FlyToTheMoon'),
      });
      expect(response.headers['x-amzn-errortype']).toBe('InvalidAction');
    });

    it('names a WorkMail action Mailwright does not implement yet as UnsupportedOperationException', async () => {
      const response = await call('WorkMailService.PutRetentionPolicy', '{}');

      expect(response.statusCode).toBe(400);
      expect(json(response.body)).toEqual({
        __type: 'UnsupportedOperationException',
        Message: 'Mailwright does not implement PutRetentionPolicy yet.',
      });
    });

    it('answers InvalidAction for an action under the wrong service prefix', async () => {
      const response = await call('MailwrightService.EchoUser', '{}');

      expect(json(response.body).__type).toBe('InvalidAction');
    });

    it('answers SerializationException for a body that is not JSON', async () => {
      const response = await call('WorkMailService.EchoUser', '{"OrganizationId":');

      expect(response.statusCode).toBe(400);
      expect(json(response.body).__type).toBe('SerializationException');
    });

    it('answers SerializationException for a JSON array body', async () => {
      const response = await call('WorkMailService.EchoUser', '[]');

      expect(json(response.body).__type).toBe('SerializationException');
    });

    it('maps a WorkMail exception to its name, message and header', async () => {
      const response = await call('MailwrightService.FindNobody', '{}');

      expect(response.statusCode).toBe(400);
      expect(json(response.body)).toEqual({
        __type: 'EntityNotFoundException',
        Message: new EntityNotFoundException().message,
      });
      expect(response.headers['x-amzn-errortype']).toBe('EntityNotFoundException');
    });

    it('answers a validation failure as InvalidParameterException', async () => {
      const response = await call(
        'WorkMailService.EchoUser',
        JSON.stringify({ OrganizationId: 'm-bad', UserId: 'u' }),
      );

      expect(json(response.body).__type).toBe('InvalidParameterException');
    });

    it('hides an unknown error behind a fixed 500 and logs it with the request id', async () => {
      const response = await call('MailwrightService.Explode', '{}');

      expect(response.statusCode).toBe(500);
      expect(json(response.body)).toEqual({
        __type: 'InternalFailure',
        Message: 'An internal error occurred.',
      });
      expect(String(response.body)).not.toContain('fire');
      expect(logged.at(-1)).toMatchObject({ requestId: response.headers['x-amzn-requestid'] });
    });

    it('refuses an unsigned request with 403 in the AWS error shape', async () => {
      const response = await api({
        method: 'POST',
        path: '/',
        query: {},
        headers: { 'x-amz-target': 'WorkMailService.EchoUser', 'content-type': 'application/x-amz-json-1.1' },
        body: Buffer.from('{}'),
      });

      expect(response.statusCode).toBe(403);
      expect(json(response.body).__type).toBe('IncompleteSignature');
    });

    it('refuses with 403 in the AWS error shape a signed request replayed with an unsigned X-Amz-Target', async () => {
      const signed = await signRequest({
        accessKeyId: KEY.accessKeyId,
        secret: KEY.secret,
        body: '{}',
        unsigned: ['content-type'],
      });
      const replayed = {
        ...signed,
        headers: { ...signed.headers, 'x-amz-target': 'MailwrightService.Explode' },
      };

      const response = await api(replayed);

      expect(response.statusCode).toBe(403);
      expect(json(response.body)).toEqual({
        __type: 'IncompleteSignature',
        Message: 'These headers must be signed (listed in SignedHeaders): content-type, x-amz-target.',
      });
      expect(response.headers['x-amzn-errortype']).toBe('IncompleteSignature');
    });

    it('hides organizations outside a scoped key', async () => {
      const other = 'm-0000000000000000000000000000000b';
      const response = await call(
        'WorkMailService.EchoUser',
        JSON.stringify({ OrganizationId: other, UserId: 'u' }),
        SCOPED,
      );

      expect(json(response.body).__type).toBe('OrganizationNotFoundException');
    });

    it('refuses a content type other than awsJson', async () => {
      const request = await signRequest({
        accessKeyId: KEY.accessKeyId,
        secret: KEY.secret,
        body: '{}',
        headers: { 'x-amz-target': 'MailwrightService.DoNothing', 'content-type': 'text/plain' },
      });

      expect(json((await api(request)).body).__type).toBe('SerializationException');
    });
  });

  describe('mounted routes and the OpenAPI document', () => {
    it('serves a mounted route with its params, principal and signing name', async () => {
      const request = await signRequest({
        accessKeyId: KEY.accessKeyId,
        secret: KEY.secret,
        method: 'GET',
        path: '/prod/messages/abc-1',
        service: 'workmailmessageflow',
      });

      const response = await api(request);

      expect(response.statusCode).toBe(200);
      expect(String(response.body)).toBe(`id=abc-1 by ${KEY.accessKeyId}`);
      expect(response.headers['x-amzn-requestid']).toBeDefined();
    });

    it('refuses a mounted route signed for another service', async () => {
      const request = await signRequest({
        accessKeyId: KEY.accessKeyId,
        secret: KEY.secret,
        method: 'GET',
        path: '/messages/abc-1',
      });

      expect((await api(request)).statusCode).toBe(403);
    });

    it('serves /openapi.json without a signature', async () => {
      const request: HttpRequest = {
        method: 'GET',
        path: '/openapi.json',
        query: {},
        headers: {},
        body: Buffer.alloc(0),
      };

      const response = await api(request);

      expect(response.statusCode).toBe(200);
      expect(json(response.body).paths['/#X-Amz-Target=WorkMailService.EchoUser']).toBeDefined();
    });
  });
});
