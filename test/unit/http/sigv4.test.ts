import {
  IncompleteSignature,
  InvalidClientTokenId,
  SignatureDoesNotMatch,
} from '../../../lambdas/core/api/errors';
import { verifySigV4 } from '../../../lambdas/http/sigv4';
import type { HttpRequest } from '../../../lambdas/http/types';
import { signRequest } from './signing';
import { body, clock, credentials, KEY, keys } from './sigv4-fixture';

/** The request with its Authorization header rewritten by `edit`. */
function withAuthorization(request: HttpRequest, edit: (header: string) => string): HttpRequest {
  return { ...request, headers: { ...request.headers, authorization: edit(request.headers.authorization!) } };
}

describe('verifySigV4', () => {
  describe('what it accepts', () => {
    it('accepts a request the SDK signed and returns the key as principal', async () => {
      const request = await signRequest({
        ...credentials,
        body,
        headers: { 'x-amz-target': 'WorkMailService.ListUsers' },
      });

      await expect(verifySigV4(request, keys, { clock })).resolves.toEqual({
        accessKeyId: KEY.accessKeyId,
        organizations: KEY.organizations,
      });
    });

    it('accepts execute-api signatures', async () => {
      const request = await signRequest({ ...credentials, body, service: 'execute-api' });

      await expect(verifySigV4(request, keys, { clock })).resolves.toMatchObject({
        accessKeyId: KEY.accessKeyId,
      });
    });

    it('accepts REST requests with encoded path segments and query strings', async () => {
      const request = await signRequest({
        ...credentials,
        method: 'GET',
        path: '/organizations/m-0000000000000000000000000000000a/users/alice%40example.com',
        query: { MaxResults: '10', NextToken: 'a b/c=' },
      });

      await expect(verifySigV4(request, keys, { clock })).resolves.toMatchObject({
        accessKeyId: KEY.accessKeyId,
      });
    });

    it('accepts the service names a route allows', async () => {
      const request = await signRequest({
        ...credentials,
        method: 'GET',
        path: '/messages/m1',
        service: 'workmailmessageflow',
      });

      await expect(
        verifySigV4(request, keys, { clock, signingNames: ['workmailmessageflow'] }),
      ).resolves.toBeDefined();
    });

    it('accepts a signature for any region, since the region is part of what was signed', async () => {
      const request = await signRequest({ ...credentials, body, region: 'ap-southeast-2' });

      await expect(verifySigV4(request, keys, { clock })).resolves.toBeDefined();
    });
  });

  describe('the Authorization header', () => {
    it('refuses a request without Authorization as IncompleteSignature', async () => {
      const { authorization: _omit, ...headers } = (await signRequest({ ...credentials, body })).headers;
      const request = { ...(await signRequest({ ...credentials, body })), headers };

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
    });

    it.each([
      ['a truncated header', () => 'AWS4-HMAC-SHA256 Credential=x'],
      ['another algorithm', (h: string) => h.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')],
      ['text before the algorithm', (h: string) => `x${h}`],
      ['text after the signature', (h: string) => `${h},Extra=1`],
      ['no Credential', (h: string) => h.replace(/Credential=[^,]+, */, '')],
      ['no SignedHeaders', (h: string) => h.replace(/SignedHeaders=[^,]+, */, '')],
      ['no Signature', (h: string) => h.replace(/, *Signature=[0-9a-f]+/, '')],
      ['a signature one digit short', (h: string) => h.slice(0, -1)],
      ['a signature one digit long', (h: string) => `${h}0`],
      [
        'an upper-case signature',
        (h: string) => h.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${s.toUpperCase()}`),
      ],
      [
        'upper-case SignedHeaders',
        (h: string) => h.replace('SignedHeaders=content-type', 'SignedHeaders=Content-Type'),
      ],
      [
        'parts in another order',
        (h: string) =>
          h.replace(/Credential=([^,]+), *SignedHeaders=([^,]+)/, 'SignedHeaders=$2, Credential=$1'),
      ],
    ])('refuses %s as IncompleteSignature', async (_case, edit) => {
      const request = withAuthorization(await signRequest({ ...credentials, body }), edit);

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
    });
  });

  describe('the credential scope', () => {
    const scope = (request: HttpRequest) => /Credential=([^,]+)/.exec(request.headers.authorization!)![1]!;

    it.each([
      ['no access key id', (parts: string[]) => ['', ...parts.slice(1)]],
      ['no date', (parts: string[]) => [parts[0], '', ...parts.slice(2)]],
      ['no region', (parts: string[]) => [...parts.slice(0, 2), '', ...parts.slice(3)]],
      ['no service', (parts: string[]) => [...parts.slice(0, 3), '', parts[4]]],
      ['another terminator', (parts: string[]) => [...parts.slice(0, 4), 'aws4_requests']],
      ['no terminator', (parts: string[]) => parts.slice(0, 4)],
      ['one extra part', (parts: string[]) => [...parts, 'extra']],
      ['two extra parts', (parts: string[]) => [...parts, 'extra', 'more']],
    ])('refuses a Credential with %s as IncompleteSignature', async (_case, edit) => {
      const request = await signRequest({ ...credentials, body });
      const edited = edit(scope(request).split('/')).join('/');

      await expect(
        verifySigV4(
          withAuthorization(request, (h) => h.replace(scope(request), edited)),
          keys,
          { clock },
        ),
      ).rejects.toThrow(IncompleteSignature);
    });

    it('refuses a scope date other than the date of X-Amz-Date', async () => {
      const request = await signRequest({ ...credentials, body });
      const shifted = withAuthorization(request, (h) => h.replace('/20261122/', '/20261121/'));

      await expect(verifySigV4(shifted, keys, { clock })).rejects.toThrow(
        new SignatureDoesNotMatch('Credential should be scoped to the date of X-Amz-Date.'),
      );
    });

    it('refuses a scope naming another region than the one signed', async () => {
      const request = await signRequest({ ...credentials, body, region: 'us-east-1' });
      const moved = withAuthorization(request, (h) => h.replace('/us-east-1/', '/eu-west-1/'));

      await expect(verifySigV4(moved, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
    });

    it('refuses a credential scoped to another service', async () => {
      const request = await signRequest({ ...credentials, body, service: 's3' });

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
    });

    it('refuses a workmail signature on a route that allows only another service', async () => {
      const request = await signRequest({ ...credentials, method: 'GET', path: '/messages/m1' });

      await expect(
        verifySigV4(request, keys, { clock, signingNames: ['workmailmessageflow'] }),
      ).rejects.toThrow(SignatureDoesNotMatch);
    });
  });

  describe('the key and the signature', () => {
    it('refuses an unknown access key as InvalidClientTokenId', async () => {
      const request = await signRequest({ ...credentials, accessKeyId: 'AKMWUNKNOWN000000000', body });

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(InvalidClientTokenId);
    });

    it('refuses a wrong secret as SignatureDoesNotMatch', async () => {
      const request = await signRequest({ ...credentials, secret: 'x'.repeat(40), body });

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
    });

    it('refuses a signature of another request with the same key', async () => {
      const request = await signRequest({ ...credentials, body });
      const other = await signRequest({ ...credentials, body: '{}' });
      const signature = /Signature=([0-9a-f]+)/.exec(other.headers.authorization!)![1]!;

      await expect(
        verifySigV4(
          withAuthorization(request, (h) => h.replace(/Signature=[0-9a-f]+/, `Signature=${signature}`)),
          keys,
          {
            clock,
          },
        ),
      ).rejects.toThrow(SignatureDoesNotMatch);
    });

    it('refuses a changed signed header', async () => {
      const request = await signRequest({
        ...credentials,
        body,
        headers: { 'x-amz-target': 'WorkMailService.ListUsers' },
      });
      const changed = {
        ...request,
        headers: { ...request.headers, 'x-amz-target': 'WorkMailService.DeleteUser' },
      };

      await expect(verifySigV4(changed, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
    });

    it('refuses a changed path and a changed query string', async () => {
      const request = await signRequest({
        ...credentials,
        method: 'GET',
        path: '/a',
        query: { MaxResults: '1' },
      });

      await expect(verifySigV4({ ...request, path: '/b' }, keys, { clock })).rejects.toThrow(
        SignatureDoesNotMatch,
      );
      await expect(verifySigV4({ ...request, query: { MaxResults: '2' } }, keys, { clock })).rejects.toThrow(
        SignatureDoesNotMatch,
      );
    });

    it('does not crash on a signed header named like an Object member', async () => {
      const request = await signRequest({ ...credentials, body });
      const header = request.headers.authorization!.replace('SignedHeaders=', 'SignedHeaders=constructor;');

      await expect(
        verifySigV4({ ...request, headers: { ...request.headers, authorization: header } }, keys, { clock }),
      ).rejects.toThrow(SignatureDoesNotMatch);
    });
  });
});
