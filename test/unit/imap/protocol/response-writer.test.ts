import {
  continuation,
  encodeValue,
  encodeValues,
  tagged,
  untagged,
  untaggedStatus,
} from '../../../../lambdas/imap/protocol';

const ascii = { utf8: false };
const text = (buffer: Buffer): string => buffer.toString('utf8');

describe('Response writer', () => {
  it('writes NIL, numbers, atoms and nested lists', () => {
    expect(text(encodeValue(null, ascii))).toBe('NIL');
    expect(text(encodeValue(4294967295, ascii))).toBe('4294967295');
    expect(
      text(encodeValue([{ atom: 'FLAGS' }, [{ atom: '\\Seen' }, { atom: '$Work' }], [], [null]], ascii)),
    ).toBe('(FLAGS (\\Seen $Work) () (NIL))');
  });

  it('quotes plain strings, escaping quotes and backslashes', () => {
    expect(text(encodeValue('', ascii))).toBe('""');
    expect(text(encodeValue('say "hi" \\o/', ascii))).toBe('"say \\"hi\\" \\\\o/"');
    expect(text(encodeValue('tab\there', ascii))).toBe('"tab\there"');
  });

  it('writes strings with CR, LF or NUL as literals', () => {
    expect(text(encodeValue('a\r\nb', ascii))).toBe('{4}\r\na\r\nb');
    expect(text(encodeValue('a\nb', ascii))).toBe('{3}\r\na\nb');
    expect(text(encodeValue('a\0b', ascii))).toBe('{3}\r\na\0b');
  });

  it('quotes UTF-8 only in UTF-8 mode and counts bytes for literals', () => {
    expect(text(encodeValue('日本', ascii))).toBe('{6}\r\n日本');
    expect(text(encodeValue('日本', { utf8: true }))).toBe('"日本"');
  });

  it('quotes up to 1024 bytes and writes longer strings as literals', () => {
    expect(text(encodeValue('x'.repeat(1024), ascii))).toBe(`"${'x'.repeat(1024)}"`);
    expect(text(encodeValue('x'.repeat(1025), ascii))).toBe(`{1025}\r\n${'x'.repeat(1025)}`);
  });

  it('writes literals and binary literals', () => {
    expect(text(encodeValue({ literal: Buffer.from('abc') }, ascii))).toBe('{3}\r\nabc');
    expect(text(encodeValue({ literal: Buffer.from('a\0'), binary: true }, ascii))).toBe('~{2}\r\na\0');
  });

  it('refuses numbers and atoms that cannot be written', () => {
    expect(() => encodeValue(-1, ascii)).toThrow('non-negative integer');
    expect(() => encodeValue(1.5, ascii)).toThrow('non-negative integer');
    expect(() => encodeValue({ atom: 'A\r\nB' }, ascii)).toThrow('on one line');
    expect(() => encodeValue({ atom: '' }, ascii)).toThrow('non-empty');
  });

  it('writes status lines with an optional code, keeping client text on one line', () => {
    expect(text(tagged('A1', 'OK', 'Done', 'APPENDUID 38505 3955'))).toBe(
      'A1 OK [APPENDUID 38505 3955] Done\r\n',
    );
    expect(text(tagged('A1', 'BAD', 'x\r\nA2 OK injected'))).toBe('A1 BAD x  A2 OK injected\r\n');
    expect(text(untaggedStatus('BYE', 'Bye'))).toBe('* BYE Bye\r\n');
    expect(text(untaggedStatus('OK', 'Ready', 'CAPABILITY IMAP4rev2'))).toBe(
      '* OK [CAPABILITY IMAP4rev2] Ready\r\n',
    );
  });

  it('writes untagged data and continuation requests', () => {
    expect(text(untagged([3, { atom: 'FETCH' }, [{ atom: 'UID' }, 7]], ascii))).toBe('* 3 FETCH (UID 7)\r\n');
    expect(text(encodeValues([], ascii))).toBe('');
    expect(text(continuation('Ready'))).toBe('+ Ready\r\n');
    expect(text(continuation(''))).toBe('+ \r\n');
  });
});
