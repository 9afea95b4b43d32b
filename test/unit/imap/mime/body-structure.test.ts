import { bodyStructure, parseMessage } from '../../../../lambdas/imap/mime';
import { between, corpusMessage, lineCount } from './corpus';

/** Expected values are written from RFC 9051 §7.5.2 / RFC 2045 defaults; sizes and lines are counted on the text. */
function structureOf(raw: Buffer, extensible = true): unknown {
  return bodyStructure(parseMessage(raw), raw, extensible);
}

describe('bodyStructure', () => {
  it('describes a single text part with its charset, encoding, size and lines', () => {
    const raw = corpusMessage('01');
    const body = raw.toString('latin1').split('\r\n\r\n').slice(1).join('\r\n\r\n');

    const structure = structureOf(raw);

    expect(structure).toEqual([
      ...['text', 'plain', ['charset', 'utf-8'], null, null, '7bit', body.length, lineCount(body)],
      ...[null, null, null, null],
    ]);
  });

  it('describes a multipart/alternative with its boundary parameter and keeps the parameter case as written', () => {
    const raw = corpusMessage('02');
    const text = raw.toString('latin1');
    const plain = between(text, 'quoted-printable\r\n\r\n', '\r\n--000000000000a1b2c3d4e5f6');
    const html = between(
      text.slice(text.indexOf('text/html')),
      'quoted-printable\r\n\r\n',
      '\r\n--000000000000',
    );

    const structure = structureOf(raw);

    expect(structure).toEqual([
      [
        'text',
        'plain',
        ['charset', 'UTF-8'],
        null,
        null,
        'quoted-printable',
        plain.length,
        lineCount(plain),
      ].concat([null, null, null, null]),
      [
        'text',
        'html',
        ['charset', 'UTF-8'],
        null,
        null,
        'quoted-printable',
        html.length,
        lineCount(html),
      ].concat([null, null, null, null]),
      ...['alternative', ['boundary', '000000000000a1b2c3d4e5f6'], null, null, null],
    ]);
  });

  it('gives a message/rfc822 part the envelope and structure of the embedded message (BODY form)', () => {
    const raw = corpusMessage('05');
    const text = raw.toString('latin1');
    const embedded = between(text, 'filename="Your booking is confirmed.eml"\r\n\r\n', '\r\n--fwd-outer--');
    const innerPlain = between(embedded, 'charset=utf-8\r\n\r\n', '\r\n--inner-alt');
    const innerHtml = between(embedded.slice(embedded.indexOf('text/html')), '\r\n\r\n', '\r\n--inner-alt');

    const structure = structureOf(raw, false);

    expect(structure).toEqual([
      ['text', 'plain', ['charset', 'utf-8'], null, null, '7bit', 28, 1],
      [
        ...['message', 'rfc822', null, null, null, '7bit', embedded.length],
        [
          ...['Fri, 06 Nov 2026 07:02:00 +0000', 'Your booking is confirmed'],
          ...[[['Hotel Miramar', null, 'bookings', 'hotel.example.org']]],
          ...[[['Hotel Miramar', null, 'bookings', 'hotel.example.org']]],
          ...[[['Hotel Miramar', null, 'bookings', 'hotel.example.org']]],
          ...[[[null, null, 'ana', 'example.com']], null, null, null, '<booking-88123@hotel.example.org>'],
        ],
        [
          [
            'text',
            'plain',
            ['charset', 'utf-8'],
            null,
            null,
            '7bit',
            innerPlain.length,
            lineCount(innerPlain),
          ],
          ['text', 'html', ['charset', 'utf-8'], null, null, '7bit', innerHtml.length, lineCount(innerHtml)],
          'alternative',
        ],
        lineCount(embedded),
      ],
      'mixed',
    ]);
  });

  it('defaults a message without Content-Type to text/plain; charset=us-ascii, 7bit (RFC 2045 §5.2)', () => {
    const raw = corpusMessage('20');
    const body = raw.toString('latin1').split('\r\n\r\n')[1];

    expect(structureOf(raw, false)).toEqual([
      'text',
      'plain',
      ['charset', 'us-ascii'],
      null,
      null,
      '7bit',
      74,
      1,
    ]);
    expect(body.length).toBe(74);
  });

  it('defaults the parts of a multipart/digest to message/rfc822 (RFC 2046 §5.1.5)', () => {
    const raw = corpusMessage('18');

    const structure = structureOf(raw, false) as unknown[][];

    expect(structure[0].slice(0, 2)).toEqual(['message', 'rfc822']);
    expect((structure[0][7] as unknown[])[1]).toBe('First post');
    expect(structure[2]).toBe('digest');
  });

  it('reports disposition, languages and location as extension data', () => {
    const raw = corpusMessage('17');

    const [first, , third] = structureOf(raw) as unknown[][];

    expect(first.slice(8)).toEqual([null, null, ['en', 'pt-BR'], null]);
    expect(third.slice(8)).toEqual([null, ['inline', null], null, 'https://example.com/footer.html']);
  });

  it('joins RFC 2231 continuations but leaves them percent-encoded, as Dovecot does', () => {
    const raw = corpusMessage('04');

    const [, , third] = structureOf(raw) as unknown[][];

    expect(third[8]).toEqual([
      'attachment',
      ['filename*', "UTF-8''annexe%20tr%C3%A8s%20longue%20avec%20un%20nom%20%C3%A0%20rallonge.bin"],
    ]);
  });

  it('gives a multipart without a boundary one empty text/plain part, as Dovecot does', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext');

    expect(structureOf(raw, false)).toEqual([
      ['text', 'plain', ['charset', 'us-ascii'], null, null, '7bit', 0, 0],
      'mixed',
    ]);
  });

  it('describes a multipart too deep to be split as application/octet-stream with its parameters, as Dovecot does', () => {
    let raw = 'Content-Type: text/plain\r\n\r\ndeepest\r\n';
    for (let level = 100; level > 0; level--)
      raw = `Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n${raw}--b${level}--\r\n`;
    let deepest = structureOf(Buffer.from(raw), false);
    while (Array.isArray(deepest) && Array.isArray(deepest[0])) deepest = deepest[0];

    expect((deepest as unknown[]).slice(0, 3)).toEqual(['application', 'octet-stream', ['boundary', 'b100']]);
  });

  it('counts a bare LF as CRLF in the size', () => {
    const raw = Buffer.from('Subject: x\n\none\ntwo\n');

    expect(structureOf(raw, false)).toEqual([
      'text',
      'plain',
      ['charset', 'us-ascii'],
      null,
      null,
      '7bit',
      10,
      2,
    ]);
  });

  it('sends 8-bit parameter values as literals of the original bytes', () => {
    const raw = corpusMessage('26');

    const [, second] = structureOf(raw) as unknown[][];

    expect(second[2]).toEqual(['name', { literal: Buffer.from('Übersicht.pdf') }]);
  });
});
