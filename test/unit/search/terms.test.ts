import {
  ANY_FIELD,
  MAX_TERMS_PER_MESSAGE,
  messageTerms,
  SearchField,
  queryTerms,
  searchTerms,
  snippetOf,
  termKey,
} from '../../../lambdas/core/search';

const raw = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));

describe('searchTerms', () => {
  it('splits on anything but letters and digits, folds case and accents, and keeps each word once', () => {
    expect(searchTerms('Café déjà-vu, ALICE@Example.com café 3.14')).toEqual([
      'cafe',
      'deja',
      'vu',
      'alice',
      'example',
      'com',
      '3',
      '14',
    ]);
  });

  it('segments scripts written without spaces into words', () => {
    expect(searchTerms('東京都に住んでいます')).toEqual(expect.arrayContaining(['東京']));
  });

  it('drops words longer than 64 characters', () => {
    expect(searchTerms(`short ${'x'.repeat(65)} ${'y'.repeat(64)}`)).toEqual(['short', 'y'.repeat(64)]);
  });

  it('gives a query with a word too long to be indexed no words at all, so that it finds nothing', () => {
    expect(queryTerms(`short ${'x'.repeat(65)}`)).toEqual([]);
    expect(queryTerms(`short ${'y'.repeat(64)}`)).toEqual(['short', 'y'.repeat(64)]);
  });
});

describe('messageTerms', () => {
  const message = raw(
    [
      'From: "Alice Liddell" <alice@wonder.example>',
      'To: bob@example.com, Group: carol@example.com;',
      'Cc: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>',
      'Bcc: hidden@example.com',
      'Subject: =?UTF-8?Q?Quarterly_r=C3=A9port?=',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'The numbers are in=20the attached spreadsheet.',
      '--b',
      'Content-Type: text/html',
      '',
      '<p>Budget <b>approved</b></p><style>.secretstyle{}</style>',
      '--b',
      'Content-Type: application/pdf; name="forecast-2027.pdf"',
      'Content-Disposition: attachment; filename="forecast-2027.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('pdfbinaryword').toString('base64'),
      '--b',
      'Content-Type: message/rfc822',
      '',
      'Subject: Inner memo',
      '',
      'Forwarded words',
      '--b--',
      '',
    ].join('\n'),
  );
  const terms = messageTerms(message);

  it('keeps which fields each word appears in', () => {
    expect(terms.get('alice')).toBe(SearchField.FROM);
    expect(terms.get('liddell')).toBe(SearchField.FROM);
    expect(terms.get('bob')).toBe(SearchField.TO);
    expect(terms.get('carol')).toBe(SearchField.TO);
    expect(terms.get('renee')).toBe(SearchField.CC);
    expect(terms.get('hidden')).toBe(SearchField.BCC);
    expect(terms.get('report')).toBe(SearchField.SUBJECT);
    expect(terms.get('com')).toBe(SearchField.TO | SearchField.CC | SearchField.BCC);
  });

  it('reads decoded text bodies, HTML as text, attachment names and attached messages', () => {
    expect(terms.get('spreadsheet')).toBe(SearchField.BODY);
    expect(terms.get('in')).toBe(SearchField.BODY);
    expect(terms.get('approved')).toBe(SearchField.BODY);
    expect(terms.get('forecast')).toBe(SearchField.ATTACHMENT_NAME);
    expect(terms.get('2027')).toBe(SearchField.ATTACHMENT_NAME);
    expect(terms.get('memo')).toBe(SearchField.BODY);
    expect(terms.get('forwarded')).toBe(SearchField.BODY);
  });

  it('leaves out markup, style sheets and binary attachments', () => {
    expect(terms.has('secretstyle')).toBe(false);
    expect(terms.has('p')).toBe(false);
    expect(terms.has('pdfbinaryword')).toBe(false);
  });

  it('indexes at most MAX_TERMS_PER_MESSAGE distinct words of one message', () => {
    const words = Array.from({ length: MAX_TERMS_PER_MESSAGE + 50 }, (_, index) => `w${index}`).join(' ');
    const big = messageTerms(raw(`Subject: hello\n\n${words}`));
    expect(big.size).toBe(MAX_TERMS_PER_MESSAGE);
    expect(big.get('hello')).toBe(SearchField.SUBJECT);
  });

  it('covers every field with ANY_FIELD', () => {
    expect(Object.values(SearchField).reduce((all, bit) => all | bit, 0)).toBe(ANY_FIELD);
  });
});

describe('termKey', () => {
  it('is a keyed MAC: the same word gives the same key under one key and another under a different key', () => {
    const key = Buffer.alloc(32, 1);
    expect(termKey(key, 'invoice')).toBe(termKey(Buffer.alloc(32, 1), 'invoice'));
    expect(termKey(key, 'invoice')).not.toBe(termKey(Buffer.alloc(32, 2), 'invoice'));
    expect(termKey(key, 'invoice')).not.toBe(termKey(key, 'invoices'));
    expect(termKey(key, 'invoice')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(termKey(key, 'invoice')).not.toContain('invoice');
  });
});

describe('snippetOf', () => {
  it('marks the words in the subject and in a body excerpt, HTML-escaped', () => {
    const snippet = snippetOf(
      raw('Subject: Your Invoice <May>\n\nDear customer, & welcome. Please find the invoice enclosed.'),
      new Set(['invoice']),
    );
    expect(snippet.subject).toBe('Your <mark>Invoice</mark> &#60;May&#62;');
    expect(snippet.preview).toBe(
      'Dear customer, &#38; welcome. Please find the <mark>invoice</mark> enclosed.',
    );
  });

  it('keeps a preview within 255 octets as sent, marks and multi-byte characters included', () => {
    const long = `${'żółw '.repeat(30)}needle & ${'żółw '.repeat(60)}`;
    const snippet = snippetOf(raw(`Subject: x\n\n${long}`), new Set(['needle']));

    expect(snippet.preview).toContain('<mark>needle</mark>');
    expect(Buffer.byteLength(snippet.preview!)).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(snippet.preview!)).toBeGreaterThan(200);
  });

  it('is null where no word matched, and cuts long bodies around the first match', () => {
    const long = `${'lorem '.repeat(100)}needle ${'ipsum '.repeat(100)}`;
    const snippet = snippetOf(raw(`Subject: nothing here\n\n${long}`), new Set(['needle']));
    expect(snippet.subject).toBeNull();
    expect(snippet.preview).toContain('<mark>needle</mark>');
    expect(Buffer.byteLength(snippet.preview!)).toBeLessThanOrEqual(255);
    expect(snippet.preview!.startsWith('lorem')).toBe(true);
  });

  it('finds a match at the end of a body of almost 1 MiB', () => {
    const snippet = snippetOf(
      raw(`Subject: s\n\n${'lorem ipsum '.repeat(85_000)}needle`),
      new Set(['needle']),
    );

    expect(snippet.preview).toMatch(/<mark>needle<\/mark>$/);
  });
});

describe('searchTerms on long texts', () => {
  it('keeps a word whole where the text is segmented in pieces, and reads a 1 MiB text to its last word', () => {
    const straddling = `${'a '.repeat(2046)}straddleword ${'b '.repeat(3000)}`;
    const long = `firstword ${'lorem ipsum '.repeat(90_000)}lastword`;

    expect(searchTerms(straddling)).toEqual(['a', 'straddleword', 'b']);
    expect(searchTerms(long)).toEqual(['firstword', 'lorem', 'ipsum', 'lastword']);
  });

  it('cuts a run without whitespace longer than a piece where it must, still finding its words', () => {
    const han = '漢字'.repeat(3000);

    expect(searchTerms(`${han} end`)).toContain('end');
    expect(searchTerms(han).length).toBeGreaterThan(0);
  });
});
