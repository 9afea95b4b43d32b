import {
  IncompleteSignature,
  InvalidClientTokenId,
  RequestExpired,
  SignatureDoesNotMatch,
} from '../../../lambdas/core/api/errors';
import type { ResolvedAdminKey } from '../../../lambdas/core/auth/types';
import { verifySigV4, type SigningKeyResolver } from '../../../lambdas/http/sigv4';
import { signRequest } from './signing';

const KEY: ResolvedAdminKey = {
  accessKeyId: 'AKMWTESTKEY000000001',
  secret: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  organizations: ['m-0000000000000000000000000000000a'],
};
const keys: SigningKeyResolver = { resolve: async (id) => (id === KEY.accessKeyId ? KEY : undefined) };
const NOW = new Date('2026-11-22T12:00:00Z');
const clock = () => NOW;
const credentials = { accessKeyId: KEY.accessKeyId, secret: KEY.secret, date: NOW };
const body = '{"OrganizationId":"m-0000000000000000000000000000000a"}';

describe('verifySigV4', () => {
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

  it('refuses a request without Authorization as IncompleteSignature', async () => {
    const { authorization: _omit, ...headers } = (await signRequest({ ...credentials, body })).headers;
    const request = { ...(await signRequest({ ...credentials, body })), headers };

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
  });

  it('refuses a malformed Authorization header as IncompleteSignature', async () => {
    const request = await signRequest({ ...credentials, body });
    const broken = {
      ...request,
      headers: { ...request.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' },
    };

    await expect(verifySigV4(broken, keys, { clock })).rejects.toThrow(IncompleteSignature);
  });

  it('refuses an unknown access key as InvalidClientTokenId', async () => {
    const request = await signRequest({ ...credentials, accessKeyId: 'AKMWUNKNOWN000000000', body });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(InvalidClientTokenId);
  });

  it('refuses a wrong secret as SignatureDoesNotMatch', async () => {
    const request = await signRequest({ ...credentials, secret: 'x'.repeat(40), body });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
  });

  it('refuses a request signed more than 15 minutes ago as RequestExpired', async () => {
    const request = await signRequest({ ...credentials, body, date: new Date(NOW.getTime() - 16 * 60_000) });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(RequestExpired);
  });

  it('accepts a request signed 14 minutes in the future', async () => {
    const request = await signRequest({ ...credentials, body, date: new Date(NOW.getTime() + 14 * 60_000) });

    await expect(verifySigV4(request, keys, { clock })).resolves.toBeDefined();
  });

  it('refuses a body changed after signing when x-amz-content-sha256 is absent', async () => {
    const request = await signRequest({ ...credentials, body });

    const tampered = { ...request, body: Buffer.from(body.replace('0a', '0b')) };

    await expect(verifySigV4(tampered, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
  });

  it('refuses a body that does not match x-amz-content-sha256', async () => {
    const request = await signRequest({
      ...credentials,
      body,
      headers: { 'x-amz-content-sha256': '0'.repeat(64) },
    });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(/x-amz-content-sha256/);
  });

  it('refuses UNSIGNED-PAYLOAD', async () => {
    const request = await signRequest({
      ...credentials,
      body,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
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

  it('ignores headers that were not signed', async () => {
    const request = await signRequest({ ...credentials, body });
    const extra = { ...request, headers: { ...request.headers, 'x-forwarded-for': '10.0.0.1' } };

    await expect(verifySigV4(extra, keys, { clock })).resolves.toBeDefined();
  });

  it('refuses a credential scoped to another service', async () => {
    const request = await signRequest({ ...credentials, body, service: 's3' });

    await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(SignatureDoesNotMatch);
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

  it('refuses SignedHeaders without x-amz-date', async () => {
    const request = await signRequest({ ...credentials, body });
    const header = request.headers.authorization!.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=host');

    await expect(
      verifySigV4({ ...request, headers: { ...request.headers, authorization: header } }, keys, { clock }),
    ).rejects.toThrow(IncompleteSignature);
  });

  it('does not crash on a signed header named like an Object member', async () => {
    const request = await signRequest({ ...credentials, body });
    const header = request.headers.authorization!.replace('SignedHeaders=', 'SignedHeaders=constructor;');

    await expect(
      verifySigV4({ ...request, headers: { ...request.headers, authorization: header } }, keys, { clock }),
    ).rejects.toThrow(SignatureDoesNotMatch);
  });
});
