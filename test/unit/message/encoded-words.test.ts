import { decodeEncodedWords } from '../../../lambdas/core/message';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words in any known charset', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?= =?ISO-8859-1?q?caf=E9_cr=E8me?=')).toBe('écafé crème');
  });

  it('drops the white space between adjacent encoded words, and keeps the rest', () => {
    expect(decodeEncodedWords('Re:  =?UTF-8?Q?a?=\t =?UTF-8?Q?b?=  end')).toBe('Re:  ab  end');
  });

  it('decodes adjacent words in one charset together, so a split character survives', () => {
    expect(decodeEncodedWords('=?UTF-8?B?4oK=?= =?UTF-8?B?rA==?=')).toBe('€');
  });

  it('does not decode words that are not separated by white space (RFC 2047 §5)', () => {
    expect(decodeEncodedWords('Re:=?UTF-8?Q?x?=')).toBe('Re:=?UTF-8?Q?x?=');
    expect(decodeEncodedWords('=?UTF-8?Q?a?==?UTF-8?Q?b?=')).toBe('=?UTF-8?Q?a?==?UTF-8?Q?b?=');
    expect(decodeEncodedWords('(=?UTF-8?Q?x?=)')).toBe('(=?UTF-8?Q?x?=)');
  });

  it('leaves words in an unknown charset as they are', () => {
    expect(decodeEncodedWords('=?x-klingon?Q?a?= b')).toBe('=?x-klingon?Q?a?= b');
  });

  it('ignores an RFC 2231 language tag on the charset', () => {
    expect(decodeEncodedWords('=?utf-8*en?q?hi?=')).toBe('hi');
  });

  it('replaces a malformed base64 payload with U+FFFD', () => {
    expect(decodeEncodedWords('=?utf-8?b?####?= z')).toBe('\ufffd z');
  });

  it('drops NUL and control characters an encoded word produces', () => {
    expect(decodeEncodedWords('a =?utf-8?q?x=00y=07=0Dz?=')).toBe('a xyz');
  });

  it('returns text without encoded words unchanged', () => {
    expect(decodeEncodedWords('  plain\ttext ')).toBe('  plain\ttext ');
  });
});
