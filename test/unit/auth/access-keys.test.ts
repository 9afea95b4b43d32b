import { assertCredentialFormat } from '../../../lambdas/core/auth/access-keys';

const ID = 'AKMW0123456789ABCDEF';
const SECRET = 'a'.repeat(20) + 'B/+9'.repeat(5);

describe('assertCredentialFormat', () => {
  it('accepts an AKMW id with 16 upper-case letters or digits and a 40-character base64 secret', () => {
    expect(() => assertCredentialFormat(ID, SECRET)).not.toThrow();
    expect(() => assertCredentialFormat(undefined, undefined)).not.toThrow();
  });

  it.each([
    ['an AWS prefix', 'AKIA0123456789ABCDEF'],
    ['a character before AKMW', 'XAKMW0123456789ABCDEF'],
    ['17 characters after AKMW', 'AKMW0123456789ABCDEFG'],
    ['lower-case letters', 'AKMW0123456789abcdef'],
  ])('refuses an access key id with %s, naming the id and the format', (_, accessKeyId) => {
    expect(() => assertCredentialFormat(accessKeyId, undefined)).toThrow(
      expect.objectContaining({
        name: 'InvalidAdminCredentialsError',
        message: `Admin access key id '${accessKeyId}' must be AKMW followed by 16 upper-case letters or digits`,
      }),
    );
  });

  it.each([
    ['39 characters', SECRET.slice(1)],
    ['41 characters', `${SECRET}a`],
    ['a character outside base64 before 40 valid ones', `-${SECRET}`],
    ['a character outside base64 after 40 valid ones', `${SECRET}-`],
  ])('refuses a secret of %s, stating the format without echoing the secret', (_, secret) => {
    expect(() => assertCredentialFormat(ID, secret)).toThrow(
      expect.objectContaining({
        name: 'InvalidAdminCredentialsError',
        message: 'Admin secret must be 40 characters of A-Z, a-z, 0-9, + and /',
      }),
    );
  });
});
