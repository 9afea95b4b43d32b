import { decodeText, isKnownCharset } from '../../../lambdas/core/message';

describe('decodeText', () => {
  it('decodes a declared charset', () => {
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'ISO-8859-1')).toEqual({
      text: 'café',
      isEncodingProblem: false,
    });
    expect(decodeText(Buffer.from([0x93, 0x71, 0x94]), 'windows-1252').text).toBe('“q”');
    expect(decodeText(Buffer.from([0x82, 0xa0]), 'Shift_JIS').text).toBe('あ');
  });

  it('decodes UTF-8, flagging and replacing malformed sequences', () => {
    expect(decodeText(Buffer.from('naïve'), 'utf-8')).toEqual({ text: 'naïve', isEncodingProblem: false });
    expect(decodeText(Buffer.from([0x61, 0xff, 0x62]), 'UTF8')).toEqual({
      text: 'a\ufffdb',
      isEncodingProblem: true,
    });
  });

  it('flags malformed sequences in other charsets too', () => {
    expect(decodeText(Buffer.from([0x82]), 'shift_jis')).toEqual({ text: '\ufffd', isEncodingProblem: true });
  });

  it('reads US-ASCII (also the default) that holds UTF-8 as UTF-8 without a problem', () => {
    expect(decodeText(Buffer.from('naïve'), undefined)).toEqual({ text: 'naïve', isEncodingProblem: false });
    expect(decodeText(Buffer.from('plain'), null)).toEqual({ text: 'plain', isEncodingProblem: false });
  });

  it('reads other 8-bit US-ASCII as windows-1252 and flags it', () => {
    expect(decodeText(Buffer.from([0x63, 0xe9]), 'us-ascii')).toEqual({
      text: 'cé',
      isEncodingProblem: true,
    });
  });

  it('guesses an unknown charset (UTF-8 when valid, else windows-1252) and flags it', () => {
    expect(decodeText(Buffer.from('café'), 'x-klingon')).toEqual({ text: 'café', isEncodingProblem: true });
    expect(decodeText(Buffer.from([0xe9]), 'utf-7')).toEqual({ text: 'é', isEncodingProblem: true });
  });
});

describe('isKnownCharset', () => {
  it('knows the Encoding Standard labels and US-ASCII, not others', () => {
    expect(
      ['utf-8', ' Latin1 ', 'us-ascii', 'ANSI_X3.4-1968', 'gb2312', 'koi8-r'].map(isKnownCharset),
    ).toEqual([true, true, true, true, true, true]);
    expect(['utf-7', 'x-unknown', 'cp437'].map(isKnownCharset)).toEqual([false, false, false]);
  });
});
