import { MessageRejected, validateReplacementMime } from '../../../lambdas/core/message-flow';
import { ORIGINAL_MIME } from './memory-stores';

const original = Buffer.from(ORIGINAL_MIME);
const validate = (text: string | Buffer) =>
  validateReplacementMime(typeof text === 'string' ? Buffer.from(text) : text, original);
const edit = (from: string, to: string) => ORIGINAL_MIME.replace(from, to);

describe('validateReplacementMime', () => {
  it('accepts the original and a body edit (a disclaimer)', async () => {
    await expect(validate(ORIGINAL_MIME)).resolves.toBeUndefined();
    await expect(
      validate(edit('Hello Bob.', 'Hello Bob.\r\n\r\n-- \r\nConfidential.')),
    ).resolves.toBeUndefined();
  });

  it('accepts a changed subject and added headers', async () => {
    await expect(
      validate(edit('Subject: Quarterly numbers', 'Subject: [EXTERNAL] Quarterly numbers\r\nX-Scanned: yes')),
    ).resolves.toBeUndefined();
  });

  it('accepts refolded immutable headers with the same value', async () => {
    await expect(
      validate(edit('From: Alice <alice@example.com>', 'From: Alice\r\n <alice@example.com>')),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['a line of 999 characters', edit('Hello Bob.', 'x'.repeat(999)), /longer than 1000/],
    [
      'a missing From',
      edit('From: Alice <alice@example.com>\r\n', ''),
      /Required header from|Immutable header from/,
    ],
    ['a missing Date', edit('Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n', ''), /Required header date/],
    [
      'a duplicated Subject',
      edit('Subject: Quarterly numbers', 'Subject: a\r\nSubject: b'),
      /subject appears more than once/,
    ],
    [
      'a duplicated To',
      edit('To: bob@org.example', 'To: bob@org.example\r\nTo: eve@evil.example'),
      /to appears more than once/,
    ],
    ['a changed Message-ID', edit('<abc@example.com>', '<other@example.com>'), /Immutable header message-id/],
    ['a changed From', edit('alice@example.com', 'mallory@example.com'), /Immutable header from/],
    ['an added Sender', edit('To: bob', 'Sender: mallory@example.com\r\nTo: bob'), /Immutable header sender/],
    ['a removed Received', edit(/^Received:.*\r\n/.exec(ORIGINAL_MIME)![0], ''), /Immutable header received/],
    [
      'a malformed header line',
      edit('To: bob@org.example', 'this is not a header'),
      /Header line 3 is not a well-formed header field/,
    ],
    [
      'a multipart without boundary',
      edit('multipart/mixed; boundary="b1"', 'multipart/mixed'),
      /no boundary/,
    ],
    ['a multipart without closing delimiter', edit('--b1--', ''), /no closing delimiter/],
    [
      'a multipart without parts',
      edit('--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Bob.\r\n', ''),
      /no parts/,
    ],
    ['an empty message', '', /empty/],
  ])('rejects %s', async (_, content, message) => {
    const result = validate(content);
    await expect(result).rejects.toThrow(MessageRejected);
    await expect(result).rejects.toThrow(message);
  });

  it('accepts a line of exactly 998 characters plus CRLF', async () => {
    await expect(validate(edit('Hello Bob.', 'x'.repeat(998)))).resolves.toBeUndefined();
  });

  it('checks nested multiparts', async () => {
    const nested = edit(
      'Content-Type: text/plain; charset=utf-8\r\n\r\nHello Bob.',
      'Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nHi\r\n',
    );

    await expect(validate(nested)).rejects.toThrow(/depth 1 has no closing delimiter/);
    await expect(validate(nested.replace('Hi\r\n', 'Hi\r\n--inner--\r\n'))).resolves.toBeUndefined();
  });

  it.each([
    ['a malformed header line', edit('To: bob@org.example', 'SECRET-7f3a9c private first line')],
    ['a malformed header line at the start', `SECRET-7f3a9c private first line\r\n${ORIGINAL_MIME}`],
    [
      'a multipart without closing delimiter',
      edit('boundary="b1"', 'boundary="SECRET-7f3a9c"').replace(/--b1(--)?/g, '--SECRET-7f3a9c'),
    ],
    [
      'a multipart without parts',
      edit('boundary="b1"', 'boundary="SECRET-7f3a9c"').replace(/--b1\r\n[\s\S]*--b1--/, '--SECRET-7f3a9c--'),
    ],
  ])('never repeats content in the error for %s', async (_, content) => {
    const error = await validate(content).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MessageRejected);
    expect((error as Error).message).not.toContain('SECRET-7f3a9c');
  });

  it('rejects a message over 40 MB', async () => {
    const big = Buffer.alloc(40 * 1024 * 1024 + 1, 0x61);

    await expect(validate(big)).rejects.toThrow(/limit is 41943040/);
  });
});
