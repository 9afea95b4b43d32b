import { binaryBytes, parseMessage } from '../../../../lambdas/imap/mime';
import { corpusMessage } from './corpus';

function binaryOf(raw: Buffer, part: number[]): Buffer | string | undefined {
  return binaryBytes(parseMessage(raw), raw, part);
}

describe('binaryBytes', () => {
  it('undoes quoted-printable: escapes, soft line breaks (also with blanks after =) and transport padding', () => {
    const raw = corpusMessage('25');

    const decoded = binaryOf(raw, [1]);

    expect(decoded).toEqual(
      Buffer.from(
        'Transport padding after a line is not content.\r\n' +
          'A soft break with blanks after itis still soft. Soft break at the very end',
      ),
    );
  });

  it('undoes quoted-printable 8-bit escapes into the original bytes', () => {
    const raw = corpusMessage('02');

    const decoded = binaryOf(raw, [1]) as Buffer;

    expect(decoded.toString('utf8')).toContain(
      'new café on Thursday at 12:30? It is a long line that gets soft-wrapped',
    );
  });

  it('undoes base64 across line breaks and whitespace, and without padding', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: BASE64\r\n\r\n' +
        'aGVs bG8g\r\n d29y\tbGQ=\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd2l0aG91dCBwYWRkaW5n\r\n--b--\r\n',
    );

    expect(binaryOf(raw, [1])).toEqual(Buffer.from('hello world'));
    expect(binaryOf(raw, [2])).toEqual(Buffer.from('Hello without padding'));
  });

  it('returns 7bit and 8bit bodies unchanged', () => {
    const raw = corpusMessage('15');

    expect((binaryOf(raw, [1]) as Buffer).toString('utf8')).toContain('Zażółć gęślą jaźń');
  });

  it('reports an encoding it cannot undo', () => {
    expect(binaryOf(corpusMessage('25'), [4])).toBe('unknownEncoding');
  });

  it('has nothing for a missing part and returns BINARY[] as the message', () => {
    const raw = corpusMessage('25');

    expect(binaryOf(raw, [9])).toBeUndefined();
    expect(binaryOf(raw, [])).toEqual(raw);
  });
});
