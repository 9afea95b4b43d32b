import { extractAddress, parseMessageHeaders, splitAddressList } from '../../../lambdas/core/delivery';

describe('parseMessageHeaders', () => {
  it('reads the summary headers, unfolding and decoding RFC 2047 words', () => {
    const raw = Buffer.from(
      'From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.com>\r\nSender: s@example.com\r\nTo: a@example.com,\r\n b@example.com\r\n' +
        'Subject: =?ISO-8859-1?Q?caf=E9?= =?UTF-8?Q?_cr=C3=A8me?=\r\n and more\r\nMessage-ID: <x@y>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n' +
        '\r\nBody text\r\n',
    );

    const headers = parseMessageHeaders(raw);

    expect(headers).toMatchObject({
      from: 'Jürgen <j@example.com>',
      sender: 's@example.com',
      to: 'a@example.com, b@example.com',
      subject: 'café crème and more',
      messageId: '<x@y>',
      date: 'Sun, 22 Nov 2026 10:00:00 +0000',
      snippet: 'Body text',
      isDeliveryReport: false,
    });
    expect(headers.rawHeaderBlock).toContain('Subject: =?ISO-8859-1?Q?caf=E9?=');
  });

  it('keeps the first occurrence of a repeated header', () => {
    expect(parseMessageHeaders(Buffer.from('Subject: one\nSubject: two\n\nx')).subject).toBe('one');
  });

  it('takes the snippet from the first text/plain part, decoding quoted-printable and the charset', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary="outer"\r\n\r\npreamble\r\n--outer\r\n' +
        'Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n' +
        '--inner\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
        'Gr=FC=DFe,   soft=\r\nbreak\r\n--inner--\r\n--outer\r\nContent-Type: application/pdf\r\n\r\nPDF\r\n--outer--\r\n',
    );

    expect(parseMessageHeaders(raw).snippet).toBe('Grüße, softbreak');
  });

  it('falls back to text/html without tags, and skips attachments', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nContent-Disposition: attachment\n\nnot me\n' +
        '--b\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n' +
        Buffer.from('<style>x{}</style><b>Hello</b> world').toString('base64') +
        '\n--b--\n',
    );

    expect(parseMessageHeaders(raw).snippet).toBe('Hello world');
  });

  // RFC 2045 §5.2: an entity without a Content-Type is text/plain.
  it('reads a part without a Content-Type as text/plain', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Disposition: inline\r\n\r\nplain\r\n--b--\r\n',
    );

    expect(parseMessageHeaders(raw).snippet).toBe('plain');
  });

  // RFC 2046 §5.1.1: a boundary delimiter must start a line.
  it('ends a part only at a boundary delimiter that starts a line', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n' +
        'price--b is\r\nfine\r\n--b--\r\n',
    );

    expect(parseMessageHeaders(raw).snippet).toBe('price--b is fine');
  });

  // RFC 2046 §5.1.2: a nested multipart ends with its enclosing part, closing delimiter or not.
  it('ignores the boundary of a nested multipart after the part that encloses it', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=outer\r\n\r\n' +
        '--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n' +
        '--inner\r\nContent-Type: text/html\r\n\r\n<p>first</p>\r\n' +
        '--outer\r\nContent-Type: application/octet-stream\r\n\r\n' +
        '--inner\r\nContent-Type: text/plain\r\n\r\nleaked\r\n--inner--\r\n--outer--\r\n',
    );

    expect(parseMessageHeaders(raw).snippet).toBe('first');
  });

  it('searches nested multiparts for the text, but not a hostile nesting a thousand levels deep', () => {
    const nested = (depth: number) => {
      let raw = 'Content-Type: multipart/mixed; boundary=b0\r\n\r\n';
      for (let level = 1; level < depth; level += 1) {
        raw += `--b${level - 1}\r\nContent-Type: multipart/mixed; boundary=b${level}\r\n\r\n`;
      }
      return Buffer.from(`${raw}--b${depth - 1}\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n`);
    };

    expect(parseMessageHeaders(nested(10)).snippet).toBe('deep text');
    expect(parseMessageHeaders(nested(1000)).snippet).toBeUndefined();
  });

  it('cuts the snippet at 256 characters', () => {
    expect(parseMessageHeaders(Buffer.from(`Subject: s\n\n${'word '.repeat(200)}`)).snippet).toHaveLength(
      256,
    );
  });

  it('recognises a delivery status notification', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/report; report-type="delivery-status"; boundary=b\r\n\r\n--b--\r\n',
    );
    expect(parseMessageHeaders(raw).isDeliveryReport).toBe(true);
  });

  it('treats a message without a blank line as all headers when it starts like a header, else as all body', () => {
    expect(parseMessageHeaders(Buffer.from('Subject: only headers')).subject).toBe('only headers');
    const noHeaders = parseMessageHeaders(Buffer.from('just some text\nmore'));
    expect(noHeaders.subject).toBeUndefined();
    expect(noHeaders.snippet).toBe('just some text more');
  });

  it('leaves an unknown charset readable as Latin-1 and strips NUL bytes', () => {
    const raw = Buffer.from('Subject: =?x-unknown?Q?a=E9?=\r\nFrom: a\0b@example.com\r\n\r\nx');
    const headers = parseMessageHeaders(raw);
    expect(headers.subject).toBe('aé');
    expect(headers.from).toBe('ab@example.com');
  });
});

describe('address helpers', () => {
  it('splits address lists at commas outside quotes, comments and angle brackets', () => {
    expect(splitAddressList('"Doe, J" <j@example.com>, k@example.com (Kay, K), <l@example.com>')).toEqual([
      '"Doe, J" <j@example.com>',
      'k@example.com (Kay, K)',
      '<l@example.com>',
    ]);
    expect(splitAddressList(undefined)).toEqual([]);
  });

  it('extracts the first addr-spec in lower case', () => {
    expect(extractAddress('"Alice" <Alice@Example.com>')).toBe('alice@example.com');
    expect(extractAddress('bob@example.com (Bob)')).toBe('bob@example.com');
    expect(extractAddress('undisclosed-recipients:;')).toBeUndefined();
  });
});
