import {
  decodeBody,
  isIdentityEncoding,
  isKnownTransferEncoding,
  parseMime,
} from '../../../lambdas/core/message';

function decoded(encoding: string, body: string): string {
  const raw = Buffer.from(`Content-Transfer-Encoding: ${encoding}\r\n\r\n${body}`, 'latin1');
  return decodeBody(raw, parseMime(raw).root).toString('latin1');
}

describe('decodeBody', () => {
  it('decodes base64 across line breaks', () => {
    expect(decoded('base64', 'aGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n')).toBe('hello world');
  });

  it('skips characters outside the base64 alphabet, the URL-safe ones included', () => {
    expect(decoded('base64', 'aGV!s-b_G8=')).toBe('hello');
  });

  it('decodes each padded base64 run on its own', () => {
    expect(decoded('base64', 'aGVsbG8=\r\nIHdvcmxk\r\n')).toBe('hello world');
  });

  it('yields nothing for base64 without any valid group', () => {
    expect(decoded('base64', '!!!%%%===')).toBe('');
  });

  it('decodes quoted-printable with soft line breaks, keeping malformed escapes', () => {
    expect(decoded('Quoted-Printable', 'caf=C3=A9 =\r\nau lait =ZZ')).toBe('caf\xc3\xa9 au lait =ZZ');
  });

  it('returns the body itself, without copying, for identity and unknown encodings', () => {
    const raw = Buffer.from('Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x');
    const entity = parseMime(raw).root;

    const body = decodeBody(raw, entity);

    expect(body.toString()).toBe('begin 644 x');
    expect(body.buffer).toBe(raw.buffer);
    expect(decoded('8bit', 'caf\xe9')).toBe('caf\xe9');
  });

  it('reads the encoding token case-insensitively, without comments', () => {
    expect(decoded('BASE64 (encoded)', 'aGk=')).toBe('hi');
  });
});

describe('isKnownTransferEncoding', () => {
  it.each(['', '7bit', '8bit', 'binary', 'base64', 'quoted-printable'])('knows %j', (encoding) => {
    expect(isKnownTransferEncoding(encoding)).toBe(true);
  });

  it('does not know x-uuencode', () => {
    expect(isKnownTransferEncoding('x-uuencode')).toBe(false);
  });
});

describe('isIdentityEncoding', () => {
  it('says which bodies are stored as their content', () => {
    expect(['', '7bit', '8bit', 'binary', 'x-unknown'].map(isIdentityEncoding)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['base64', 'quoted-printable'].map(isIdentityEncoding)).toEqual([false, false]);
  });
});
