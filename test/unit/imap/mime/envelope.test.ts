import { envelope, parseMessage } from '../../../../lambdas/imap/mime';
import { corpusMessage } from './corpus';

function envelopeOf(raw: Buffer): unknown[] {
  return envelope(parseMessage(raw), raw) as unknown[];
}

const ana = ['Ana Lima', null, 'ana', 'example.com'];

describe('envelope', () => {
  it('lists date, subject, addresses and ids as sent, defaulting sender and reply-to to from', () => {
    const raw = corpusMessage('01');

    const result = envelopeOf(raw);

    const from = [['Outside Weekly', null, 'news', 'outside.example.net']];
    expect(result).toEqual([
      ...['Mon, 02 Nov 2026 09:14:00 +0000', 'This week: five things worth reading', from, from, from, [ana]],
      ...[null, null, null, '<weekly-2026-45@outside.example.net>'],
    ]);
  });

  it('keeps encoded words encoded and unfolds a folded subject', () => {
    const raw = corpusMessage('08');

    const [, subject, from, sender, replyTo] = envelopeOf(raw);

    expect(subject).toBe(
      '=?UTF-8?B?5Lya6K2w44Gu6K2w5LqL6Yyy?= and =?ISO-8859-1?Q?caf=E9?= =?UTF-8?Q?_=E2=98=95?= =?utf-8?q?_break?=',
    );
    expect(from).toEqual([['=?UTF-8?B?5bGx55Sw5aSq6YOO?=', null, 'taro', 'outside.example.net']]);
    expect(sender).toEqual([['=?utf-8?q?Assistant_of_Yamada?=', null, 'assistant', 'outside.example.net']]);
    expect(replyTo).toEqual([['Yamada Office', null, 'office', 'outside.example.net']]);
  });

  it('marks groups with a start (NIL NIL name NIL) and an end (NIL NIL NIL NIL)', () => {
    const raw = corpusMessage('13');

    const [, , , , , to, cc, bcc] = envelopeOf(raw);

    expect(to).toEqual([
      [null, null, 'Board', null],
      ['Alice Moreau', null, 'alice', 'outside.example.net'],
      [null, null, 'bob', 'outside.example.net'],
      [null, null, null, null],
      ana,
    ]);
    expect(cc).toEqual([
      [null, null, 'undisclosed-recipients', null],
      [null, null, null, null],
    ]);
    expect(bcc).toEqual([
      [null, null, 'Auditors', null],
      [null, null, null, null],
    ]);
  });

  it('reads quoted names, comments as names, routes and quoted local parts', () => {
    const raw = corpusMessage('24');

    const [, , from, sender, replyTo, to, cc] = envelopeOf(raw);

    expect(from).toEqual([['Smith, John', null, 'john', 'outside.example.net']]);
    expect(sender).toEqual([['Jane Roe', null, 'jane', 'outside.example.net']]);
    expect(replyTo).toEqual([
      ['=?UTF-8?Q?Jos=C3=A9?=', null, 'jose', 'outside.example.net'],
      ['Mary Major', null, 'mary', 'outside.example.net'],
    ]);
    expect(to).toEqual([
      [null, '@relay.example.org', 'ana', 'example.com'],
      [null, null, 'ana lima', 'example.com'],
    ]);
    expect(cc).toEqual([
      ['Ana at work', null, 'ana', 'example.com'],
      ['=?ISO-8859-1?Q?Andr=E9?= Pirard', null, 'pirard', 'outside.example.net'],
    ]);
  });

  it('fills unreadable addresses with Dovecot placeholders', () => {
    const raw = corpusMessage('14');

    const [date, , from, , , to, , , inReplyTo, messageId] = envelopeOf(raw);

    expect(date).toBe('someday soon');
    expect(from).toEqual([[null, null, 'MISSING_MAILBOX', 'MISSING_DOMAIN']]);
    expect(to).toEqual([
      [null, null, 'ana', 'example.com'],
      [null, null, 'MISSING_MAILBOX', 'MISSING_DOMAIN'],
      [null, null, 'MISSING_MAILBOX', 'MISSING_DOMAIN'],
      ['Nobody', null, 'MISSING_MAILBOX', 'MISSING_DOMAIN'],
    ]);
    expect([inReplyTo, messageId]).toEqual(['<a@b> junk <c@d>', 'no-angle-brackets@outside.example.net']);
  });

  it('gives a mailbox without domain the domain MISSING_DOMAIN', () => {
    const raw = Buffer.from('To: postmaster\r\n\r\n');

    expect(envelopeOf(raw)[5]).toEqual([[null, null, 'postmaster', 'MISSING_DOMAIN']]);
  });

  it('falls back to From when Sender and Reply-To hold no address, and uses the last of repeated fields', () => {
    const raw = Buffer.from(
      'From: a@b.example\r\nSender: \r\nReply-To:\r\nSubject: one\r\nSubject: two\r\n\r\n',
    );

    const [date, subject, from, sender, replyTo] = envelopeOf(raw);

    expect([date, subject]).toEqual([null, 'two']);
    expect(sender).toEqual(from);
    expect(replyTo).toEqual(from);
  });

  it('sends 8-bit header text as a literal of the original bytes', () => {
    const raw = corpusMessage('26');

    const [, subject] = envelopeOf(raw);

    expect(subject).toEqual({ literal: Buffer.from('Grüße aus Köln – Übersicht') });
  });

  it('is all NIL for a message without header', () => {
    expect(envelopeOf(Buffer.from('\r\nbody'))).toEqual(Array(10).fill(null));
  });

  it('takes no field from a header line without a colon', () => {
    const [, subject, from] = envelopeOf(Buffer.from('From: Ana <a@example.com>\r\nSubject\r\n\r\nbody'));

    expect([subject, from]).toEqual([null, [['Ana', null, 'a', 'example.com']]]);
  });

  it('cannot read an address with a NUL in an atom, and reads a NUL in a display name as U+FFFD', () => {
    const raw = Buffer.from('From: \0\r\nTo: "A\0" <a@example.com>\r\n\r\n');

    const [, , from, , , to] = envelopeOf(raw);

    expect(from).toEqual([[null, null, 'MISSING_MAILBOX', 'MISSING_DOMAIN']]);
    expect(to).toEqual([[{ literal: Buffer.from('A\ufffd') }, null, 'a', 'example.com']]);
  });
});
