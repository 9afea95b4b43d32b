import {
  MAX_INDEXED_TEXT_BYTES,
  MAX_TERMS_PER_MESSAGE,
  messageTerms,
  SearchField,
} from '../../../lambdas/core/search/message-terms';

const { FROM, TO, CC, BCC, SUBJECT, BODY, ATTACHMENT_NAME } = SearchField;
const message = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');

describe('messageTerms: which words of a message are indexed, in which fields', () => {
  it('indexes the subject (encoded words decoded) and every address field with display and group names', () => {
    const terms = messageTerms(
      message(
        'From: Olga Petrova <olga@example.org>\nSender: Assistant <helper@example.org>\n' +
          'To: Team: ana@example.com, Ben <ben@example.com>;\nCc: carl@example.com\nBcc: dora@example.com\n' +
          'Subject: =?utf-8?q?Caf=C3=A9_plans?=\n\nhello\n',
      ),
    );

    expect(terms.get('olga')).toBe(FROM);
    expect(terms.get('petrova')).toBe(FROM);
    expect(terms.get('assistant')).toBe(FROM);
    expect(terms.get('team')).toBe(TO);
    expect(terms.get('ben')).toBe(TO);
    expect(terms.get('ana')).toBe(TO);
    expect(terms.get('carl')).toBe(CC);
    expect(terms.get('dora')).toBe(BCC);
    expect(terms.get('cafe')).toBe(SUBJECT);
    expect(terms.get('plans')).toBe(SUBJECT);
    expect(terms.get('hello')).toBe(BODY);
  });

  it('reads HTML as text and plain text in its charset; other parts’ bodies are not text', () => {
    const terms = messageTerms(
      message(
        'Subject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n' +
          '--b\nContent-Type: text/html\n\n<p class="hiddenclass">visible <b>bold</b></p>\n' +
          '--b\nContent-Type: text/plain; charset=iso-8859-1\n\nna\xefve r\xe9sum\xe9\n' +
          '--b\nContent-Type: application/octet-stream\n\nbinaryword\n--b--\n',
      ),
    );

    expect(terms.get('visible')).toBe(BODY);
    expect(terms.get('bold')).toBe(BODY);
    expect(terms.has('hiddenclass')).toBe(false);
    expect(terms.get('naive')).toBe(BODY);
    expect(terms.get('resume')).toBe(BODY);
    expect(terms.has('binaryword')).toBe(false);
  });

  it('indexes attachment names (filename, else name) but not a container’s, and a named text/plain body only', () => {
    const terms = messageTerms(
      message(
        'Subject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b; name=containername\n\n' +
          '--b\nContent-Type: application/pdf; name=ignoredname\nContent-Disposition: attachment; filename="Quarterly report.pdf"\n\nx\n' +
          '--b\nContent-Type: image/png; name="=?utf-8?q?Pl=C3=A4ne.png?="\n\ny\n' +
          '--b\nContent-Type: text/plain; name=notes.txt\n\nplainattached\n' +
          '--b\nContent-Type: text/html; name=page.html\n\nhtmlattached\n--b--\n',
      ),
    );

    expect(terms.get('quarterly')).toBe(ATTACHMENT_NAME);
    expect(terms.get('report')).toBe(ATTACHMENT_NAME);
    expect(terms.has('ignoredname')).toBe(false);
    expect(terms.get('plane')).toBe(ATTACHMENT_NAME);
    expect(terms.has('containername')).toBe(false);
    expect(terms.get('notes')).toBe(ATTACHMENT_NAME);
    expect(terms.get('plainattached')).toBe(BODY);
    expect(terms.get('page')).toBe(ATTACHMENT_NAME);
    expect(terms.has('htmlattached')).toBe(false);
  });

  it('counts an attached message’s headers and text as the body', () => {
    const terms = messageTerms(
      message(
        'Subject: Fwd\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n' +
          'From: Inner Sender <inner@example.net>\nSubject: Innersubject\n\ninnerbody\n',
      ),
    );

    expect(terms.get('innersubject')).toBe(BODY);
    expect(terms.get('inner')).toBe(BODY);
    expect(terms.get('innerbody')).toBe(BODY);
    expect(terms.get('fwd')).toBe(SUBJECT);
  });

  it('reads at most 1 MiB of text in all: later words and later parts are left out', () => {
    const filler = 'word '.repeat(MAX_INDEXED_TEXT_BYTES / 5);
    const terms = messageTerms(
      message(
        'Subject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n' +
          `--b\nContent-Type: text/plain\n\nfirstword ${filler} tailword\n` +
          '--b\nContent-Type: text/plain\n\nsecondpart\n--b--\n',
      ),
    );

    expect(terms.get('firstword')).toBe(BODY);
    expect(terms.has('tailword')).toBe(false);
    expect(terms.has('secondpart')).toBe(false);
  });

  it('keeps at most 5,000 distinct words, but still adds fields to words it has', () => {
    const words = Array.from({ length: MAX_TERMS_PER_MESSAGE + 100 }, (_unused, index) => `w${index}x`);
    const terms = messageTerms(message(`Subject: w1x\n\n${words.join(' ')} w2x\n`));

    expect(terms.size).toBe(MAX_TERMS_PER_MESSAGE);
    expect(terms.get('w1x')).toBe(SUBJECT | BODY);
    expect(terms.has(`w${MAX_TERMS_PER_MESSAGE + 50}x`)).toBe(false);
  });
});
