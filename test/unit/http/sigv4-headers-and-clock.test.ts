import {
  IncompleteSignature,
  InvalidClientTokenId,
  RequestExpired,
  SignatureDoesNotMatch,
} from '../../../lambdas/core/api/errors';
import { AdminKeys } from '../../../lambdas/core/auth/admin-keys';
import { verifySigV4 } from '../../../lambdas/http/sigv4';
import { MemoryAdminKeyStore, TestKeyWrapper } from '../auth/doubles';
import { signRequest } from './signing';
import { body, clock, credentials, keys, NOW } from './sigv4-fixture';

const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('verifySigV4', () => {
  describe('the signed headers', () => {
    it('refuses a request whose X-Amz-Target was left unsigned, so it cannot be replayed as another action', async () => {
      const signed = await signRequest({ ...credentials, body, unsigned: ['content-type'] });
      const { 'content-type': _type, ...headers } = signed.headers;
      const replayed = {
        ...signed,
        headers: { ...headers, 'x-amz-target': 'WorkMailService.DeleteOrganization' },
      };

      await expect(verifySigV4({ ...signed, headers }, keys, { clock })).resolves.toBeDefined();
      await expect(verifySigV4(replayed, keys, { clock })).rejects.toThrow(
        new IncompleteSignature('These headers must be signed (listed in SignedHeaders): x-amz-target.'),
      );
    });

    it.each([
      'content-type',
      'x-amz-target',
      'x-amz-content-sha256',
      'x-amz-security-token',
      'x-amz-user-agent',
    ])('refuses a request with an unsigned %s header as IncompleteSignature', async (name) => {
      const value = name === 'x-amz-content-sha256' ? 'e3b0c44298fc1c149afbf4c8996fb924' : 'v';
      const request = await signRequest({
        ...credentials,
        body,
        headers: { [name]: value },
        unsigned: [name],
      });

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
    });

    it('accepts unsigned headers that do not change the request, and the x-amz-cf-id CloudFront adds', async () => {
      const request = await signRequest({ ...credentials, body });
      const forwarded = {
        ...request,
        headers: {
          ...request.headers,
          'x-forwarded-for': '10.0.0.1',
          'user-agent': 'aws-cli/2',
          'x-amzn-trace-id': 'Root=1-0',
          'x-amz-cf-id': 'abc',
        },
      };

      await expect(verifySigV4(forwarded, keys, { clock })).resolves.toBeDefined();
    });

    it.each([
      ['host', 'SignedHeaders=content-type;x-amz-date'],
      ['x-amz-date', 'SignedHeaders=content-type;host'],
    ])('refuses SignedHeaders without %s as IncompleteSignature', async (_name, signedHeaders) => {
      const request = await signRequest({ ...credentials, body });
      const header = request.headers.authorization!.replace(/SignedHeaders=[^,]+/, signedHeaders);

      await expect(
        verifySigV4({ ...request, headers: { ...request.headers, authorization: header } }, keys, { clock }),
      ).rejects.toThrow(IncompleteSignature);
    });
  });

  describe('X-Amz-Date and the 15-minute skew', () => {
    it.each([
      ['exactly 15 minutes ago', -15 * MINUTE],
      ['exactly 15 minutes ahead', 15 * MINUTE],
    ])('accepts a request signed %s', async (_case, offset) => {
      const request = await signRequest({ ...credentials, body, date: at(offset) });

      await expect(verifySigV4(request, keys, { clock })).resolves.toBeDefined();
    });

    it.each([
      ['15 minutes and 1 second ago', -15 * MINUTE - 1000],
      ['15 minutes and 1 second ahead', 15 * MINUTE + 1000],
      ['a day ago', -24 * 60 * MINUTE],
    ])('refuses a request signed %s as RequestExpired', async (_case, offset) => {
      const request = await signRequest({ ...credentials, body, date: at(offset) });

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(RequestExpired);
    });

    it('honours a smaller allowed skew', async () => {
      const request = await signRequest({ ...credentials, body, date: at(-2000) });

      await expect(verifySigV4(request, keys, { clock, maxSkewMs: 1000 })).rejects.toThrow(RequestExpired);
      await expect(verifySigV4(request, keys, { clock, maxSkewMs: 2000 })).resolves.toBeDefined();
    });

    it.each([
      ['missing', undefined],
      ['in ISO form', '2026-11-22T12:00:00Z'],
      ['without its Z', '20261122T120000'],
      ['with text before it', 'x20261122T120000Z'],
      ['with text after it', '20261122T120000Zx'],
      ['with a short time', '20261122T12000Z'],
    ])('refuses an X-Amz-Date %s as IncompleteSignature', async (_case, value) => {
      const request = await signRequest({ ...credentials, body });
      const { 'x-amz-date': _date, ...headers } = request.headers;

      await expect(
        verifySigV4(
          { ...request, headers: value === undefined ? headers : { ...headers, 'x-amz-date': value } },
          keys,
          {
            clock,
          },
        ),
      ).rejects.toThrow(IncompleteSignature);
    });
  });

  describe('the body', () => {
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

      await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(
        new SignatureDoesNotMatch('The x-amz-content-sha256 header does not match the SHA-256 of the body.'),
      );
    });

    it('accepts x-amz-content-sha256 in upper-case hex', async () => {
      const { createHash } = await import('node:crypto');
      const digest = createHash('sha256').update(body).digest('hex').toUpperCase();
      const request = await signRequest({
        ...credentials,
        body,
        headers: { 'x-amz-content-sha256': digest },
      });

      await expect(verifySigV4(request, keys, { clock })).resolves.toBeDefined();
    });

    it.each(['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'])(
      'refuses a payload declared %s as IncompleteSignature',
      async (declared) => {
        const request = await signRequest({
          ...credentials,
          body,
          headers: { 'x-amz-content-sha256': declared },
        });

        await expect(verifySigV4(request, keys, { clock })).rejects.toThrow(IncompleteSignature);
      },
    );
  });

  describe('admin keys', () => {
    it('refuses a revoked key as InvalidClientTokenId', async () => {
      const adminKeys = new AdminKeys(new MemoryAdminKeyStore(), new TestKeyWrapper());
      const { key, secret } = await adminKeys.create('*');
      const request = await signRequest({ accessKeyId: key.accessKeyId, secret, date: NOW, body });
      await expect(verifySigV4(request, adminKeys, { clock })).resolves.toBeDefined();

      await adminKeys.revoke(key.accessKeyId);

      await expect(verifySigV4(request, adminKeys, { clock })).rejects.toThrow(InvalidClientTokenId);
    });
  });
});
