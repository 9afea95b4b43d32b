import { domainOfAddress, normalizeDomainName } from '../../../lambdas/core/directory/mail-domains';

describe('normalizeDomainName', () => {
  it('lower-cases and drops a trailing dot', () => {
    expect(normalizeDomainName('Mail.Example.COM.', 'mailwright.test')).toBe('mail.example.com');
  });

  it.each(['example', 'a..example', '-a.example', 'a-.example', 'example.123', `${'a'.repeat(64)}.example`])(
    'rejects %s',
    (name) => {
      expect(() => normalizeDomainName(name, 'mailwright.test')).toThrow(
        expect.objectContaining({ name: 'InvalidParameterException' }),
      );
    },
  );

  it('takes a name of 16 labels and rejects one of 17, whose parents one transaction could not check', () => {
    const labels = (count: number) =>
      [...Array.from({ length: count - 1 }, (_, i) => `l${i}`), 'example'].join('.');

    expect(normalizeDomainName(labels(16), 'mailwright.test')).toBe(labels(16));
    expect(() => normalizeDomainName(labels(17), 'mailwright.test')).toThrow(
      expect.objectContaining({ name: 'InvalidParameterException' }),
    );
  });

  it('keeps the test domain suffix for test domains', () => {
    expect(() => normalizeDomainName('acme.MailWright.test', 'mailwright.test')).toThrow(
      expect.objectContaining({ name: 'InvalidParameterException' }),
    );
  });
});

describe('domainOfAddress', () => {
  it('takes the part after the last @ in lower case', () => {
    expect(domainOfAddress('"a@b"@Example.COM')).toBe('example.com');
    expect(domainOfAddress('nobody')).toBe('');
  });
});
