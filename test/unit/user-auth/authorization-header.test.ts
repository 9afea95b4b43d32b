import { basicCredential, parseAuthorization } from '../../../lambdas/core/user-auth/authorization-header';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('parseAuthorization', () => {
  it('reads a Basic credential, splitting at the first colon', () => {
    expect(parseAuthorization(`Basic ${b64('ana@example.com:pa:ss word')}`)).toEqual({
      scheme: 'basic',
      login: 'ana@example.com',
      secret: 'pa:ss word',
    });
  });

  it('takes the scheme in any case and tolerates extra spaces', () => {
    expect(parseAuthorization(`  bAsIc   ${b64('ana:x')}  `)).toMatchObject({ login: 'ana', secret: 'x' });
    expect(parseAuthorization('BEARER abc.DEF-_~+/=')).toEqual({ scheme: 'bearer', token: 'abc.DEF-_~+/=' });
  });

  it('decodes UTF-8 (Latin-1 passwords)', () => {
    expect(parseAuthorization(`Basic ${b64('ana:Pässwörd1')}`)).toMatchObject({ secret: 'Pässwörd1' });
  });

  it('answers absent without a header or with another scheme', () => {
    expect(parseAuthorization(undefined)).toBe('absent');
    expect(parseAuthorization('')).toBe('absent');
    expect(parseAuthorization('   ')).toBe('absent');
    expect(parseAuthorization('Digest username="ana"')).toBe('absent');
    expect(parseAuthorization('Basicx YTpi')).toBe('absent');
  });

  it.each([
    ['no value', 'Basic'],
    ['no colon', `Basic ${b64('ana')}`],
    ['an empty login', `Basic ${b64(':secret')}`],
    ['an empty secret', `Basic ${b64('ana:')}`],
    ['not base64', 'Basic !!!!'],
    ['base64 without padding', 'Basic YW5hOng'],
    ['two values', `Basic ${b64('ana:x')} ${b64('ben:y')}`],
    ['invalid UTF-8', `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`],
    ['a control character in the login', `Basic ${b64('an\na:x')}`],
    ['a NUL in the secret', `Basic ${b64('ana:x\u0000y')}`],
    ['a login over 256 characters', `Basic ${b64(`${'a'.repeat(257)}:x`)}`],
    ['a secret over 1024 characters', `Basic ${b64(`ana:${'x'.repeat(1025)}`)}`],
    ['a huge value', `Basic ${'A'.repeat(100_000)}`],
    ['an empty bearer token', 'Bearer'],
    ['a bearer token with spaces', 'Bearer a b'],
    ['a bearer token with other characters', 'Bearer a,b'],
    ['a bearer token over 1024 characters', `Bearer ${'a'.repeat(1025)}`],
  ])('refuses %s as malformed', (_case, header) => {
    expect(parseAuthorization(header)).toBe('malformed');
  });

  it('keeps a real U+FFFD in a secret', () => {
    expect(parseAuthorization(`Basic ${b64('ana:a\uFFFDb')}`)).toMatchObject({ secret: 'a\uFFFDb' });
  });
});

describe('basicCredential', () => {
  it('checks a login and secret given outside a header like a header’s', () => {
    expect(basicCredential('ana@example.com', 'x')).toEqual({
      scheme: 'basic',
      login: 'ana@example.com',
      secret: 'x',
    });
    expect(basicCredential('', 'x')).toBe('malformed');
    expect(basicCredential('ana', 'x\ty')).toBe('malformed');
  });
});
