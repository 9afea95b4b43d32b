import { emailView } from '../../../../../lambdas/http/jmap/mail';
import type { EmailViewOptions } from '../../../../../lambdas/http/jmap/mail';
import { truncateUtf8 } from '../../../../../lambdas/http/jmap/mail/body-values';
import { loadEml } from '../../../../fixtures/mime/load';

function bodyValues(name: string, options: Partial<EmailViewOptions>) {
  return emailView(loadEml(name), { properties: ['bodyValues'], blobIdOf: String, ...options }).bodyValues;
}

describe('bodyValues', () => {
  it('is empty unless a fetch*BodyValues argument asks for values', () => {
    expect(bodyValues('alternative.eml', {})).toEqual({});
  });

  it('gives the text parts of textBody, of htmlBody, or of the whole structure', () => {
    expect(Object.keys(bodyValues('mixed-attachments.eml', { fetchTextBodyValues: true }) as object)).toEqual(
      ['1.1'],
    );
    expect(Object.keys(bodyValues('mixed-attachments.eml', { fetchHTMLBodyValues: true }) as object)).toEqual(
      ['1.2'],
    );
    expect(
      Object.keys(bodyValues('mixed-attachments.eml', { fetchAllBodyValues: true }) as object).sort(),
    ).toEqual(['1.1', '1.2', '5']);
  });

  it('decodes transfer encoding and charset and turns CRLF into LF', () => {
    expect(bodyValues('plain-qp.eml', { fetchTextBodyValues: true })).toEqual({
      1: {
        value: 'Bonjour Bob,\n\nLa réunion de l’équipe est déplacée à jeudi.\n\n-- \nAlice\n',
        isEncodingProblem: false,
        isTruncated: false,
      },
    });
    expect(bodyValues('alternative.eml', { fetchHTMLBodyValues: true })).toEqual({
      2: {
        value: '<html><body><p>Voilà le <b>rapport</b>.</p></body></html>',
        isEncodingProblem: false,
        isTruncated: false,
      },
    });
  });

  it('decodes 8-bit ISO-8859-1 and UTF-8 bodies', () => {
    expect(bodyValues('latin1.eml', { fetchTextBodyValues: true })).toEqual({
      1: { value: 'Grüße aus Köln!\n', isEncodingProblem: false, isTruncated: false },
    });
    expect(bodyValues('eight-bit.eml', { fetchTextBodyValues: true })).toEqual({
      1: { value: 'Schöne Grüße — 日本語\n', isEncodingProblem: false, isTruncated: false },
    });
  });

  it('flags unknown charsets and transfer encodings and malformed text, and decodes the rest best effort', () => {
    expect(bodyValues('broken-charsets.eml', { fetchAllBodyValues: true })).toEqual({
      1: { value: 'unknown charset café', isEncodingProblem: true, isTruncated: false },
      2: { value: 'bad \ufffd utf-8', isEncodingProblem: true, isTruncated: false },
      3: { value: 'undeclared naïve utf-8', isEncodingProblem: false, isTruncated: false },
      4: { value: 'latin1 in ascii café', isEncodingProblem: true, isTruncated: false },
      5: { value: 'begin 644 x', isEncodingProblem: true, isTruncated: false },
      6: { value: '<p>“quoted”</p>', isEncodingProblem: false, isTruncated: false },
    });
  });

  it('truncates values to maxBodyValueBytes octets of UTF-8, outside HTML tags', () => {
    expect(bodyValues('mixed-attachments.eml', { fetchAllBodyValues: true, maxBodyValueBytes: 20 })).toEqual({
      // ’ takes 3 octets: with it the value would be 21 octets long.
      '1.1': { value: 'Voici le rapport d', isEncodingProblem: false, isTruncated: true },
      '1.2': { value: '<p>Voici le rapport ', isEncodingProblem: false, isTruncated: true },
      5: { value: 'Plain notes attached', isEncodingProblem: false, isTruncated: true },
    });
  });
});

describe('truncateUtf8', () => {
  it('never cuts inside a character', () => {
    expect(truncateUtf8('héllo', 2, false)).toEqual({ value: 'h', isTruncated: true });
    expect(truncateUtf8('a😀b', 4, false)).toEqual({ value: 'a', isTruncated: true });
    expect(truncateUtf8('a😀b', 5, false)).toEqual({ value: 'a😀', isTruncated: true });
    expect(truncateUtf8('€', 1, false)).toEqual({ value: '', isTruncated: true });
  });

  it('keeps a value that fits, and any value when the limit is 0', () => {
    expect(truncateUtf8('héllo', 6, false)).toEqual({ value: 'héllo', isTruncated: false });
    expect(truncateUtf8('x'.repeat(1000), 0, false)).toEqual({ value: 'x'.repeat(1000), isTruncated: false });
  });

  it('moves the cut of HTML back before a tag it would split', () => {
    expect(truncateUtf8('<p>Hi <a href="https://example.com">x</a></p>', 20, true)).toEqual({
      value: '<p>Hi ',
      isTruncated: true,
    });
    expect(truncateUtf8('<p>Hi <a href="https://example.com">x</a></p>', 20, false).value).toBe(
      '<p>Hi <a href="https',
    );
  });
});
