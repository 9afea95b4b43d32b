import { readFields, splitHeaderBlock } from '../../../lambdas/core/delivery/header-block';

const split = (text: string, start = 0) => {
  const buffer = Buffer.from(text, 'latin1');
  return splitHeaderBlock(buffer, start, buffer.length, 65536);
};

describe('splitHeaderBlock', () => {
  // RFC 5322 §2.1: the header section ends at the first empty line (CRLF CRLF; a bare LF is tolerated).
  it('ends the block at once when the entity starts with an empty line', () => {
    expect(split('\r\nSubject: in the body\r\n\r\nbody')).toEqual({ headerEnd: 0, bodyStart: 2 });
    expect(split('--b\r\n\r\nbody', 5)).toEqual({ headerEnd: 5, bodyStart: 7 });
  });

  it('does not take a lone CR for a line end', () => {
    expect(split('\rSubject: x\r\n\r\nbody')).toEqual({ headerEnd: 13, bodyStart: 15 });
  });

  it('ends the block at the first empty line when CRLF and LF line ends are mixed', () => {
    expect(split('Subject: x\r\n\r\nline1\n\nline2')).toEqual({ headerEnd: 12, bodyStart: 14 });
    expect(split('Subject: x\n\nline1\r\n\r\nline2')).toEqual({ headerEnd: 11, bodyStart: 12 });
  });
});

describe('readFields', () => {
  // RFC 5322 §2.2.3: a folded line continues with white space, a space or a horizontal tab.
  it('unfolds continuation lines that start with a tab', () => {
    expect(readFields('Subject: a\r\n\tb\r\nTo: c\r\n', ['subject']).get('subject')).toBe('a b');
  });

  // RFC 5322 §4.5.3 (obsolete syntax, still to be read): white space may precede the colon.
  it('reads a field whose name is followed by white space before the colon', () => {
    expect(readFields('Subject \t: hello\r\n', ['subject']).get('subject')).toBe('hello');
  });
});
