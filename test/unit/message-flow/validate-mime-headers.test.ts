import { MessageRejected, validateReplacementMime } from '../../../lambdas/core/message-flow';
import { ORIGINAL_MIME } from './memory-stores';

// Header rules of requirement 18, one test per header. Assertions stop at the error type and the header's name:
// the wording of the messages is not part of the contract (and must never echo content).
const ORIGINAL = ORIGINAL_MIME.replace(
  'From: Alice <alice@example.com>\r\n',
  'Return-Path: <alice@example.com>\r\nFrom: Alice <alice@example.com>\r\nSender: desk@example.com\r\n',
).replace(
  'Received: ',
  'Received: from relay.example.com by mx.example.com; Sun, 22 Nov 2026 09:59:59 +0000\r\nReceived: ',
);
const edit = (from: string | RegExp, to: string) => {
  const edited = ORIGINAL.replace(from, to);
  if (edited === ORIGINAL) throw new Error(`the edit ${String(from)} changed nothing`);
  return edited;
};
const validate = (text: string) => validateReplacementMime(Buffer.from(text), Buffer.from(ORIGINAL));

async function expectRejectionNaming(text: string, header: string): Promise<void> {
  const result = validate(text);
  await expect(result).rejects.toThrow(MessageRejected);
  await expect(result).rejects.toThrow(new RegExp(`\\b${header}\\b`, 'i'));
}

describe('validateReplacementMime: header rules', () => {
  it('accepts the original with its Return-Path, Sender and two Received headers', async () => {
    await expect(validate(ORIGINAL)).resolves.toBeUndefined();
  });

  it.each([
    ['message-id', 'Message-ID: <abc@example.com>', 'Message-ID: <abd@example.com>'],
    ['date', 'Date: Sun, 22 Nov 2026 10:00:00 +0000', 'Date: Sun, 22 Nov 2026 10:00:01 +0000'],
    ['from', 'From: Alice <alice@example.com>', 'From: Alice <alice@example.org>'],
    ['sender', 'Sender: desk@example.com', 'Sender: mallory@example.com'],
    ['return-path', 'Return-Path: <alice@example.com>', 'Return-Path: <mallory@example.com>'],
    ['received', 'by mx.example.com;', 'by mx.evil.example;'],
  ])('rejects a changed %s', async (header, before, after) => {
    await expectRejectionNaming(edit(before, after), header);
  });

  it.each([
    ['sender', /Sender: .*\r\n/],
    ['return-path', /Return-Path: .*\r\n/],
    ['received', /Received: from relay.*\r\n/],
  ])('rejects a removed %s', async (header, line) => {
    await expectRejectionNaming(edit(line, ''), header);
  });

  it('rejects an added Received', async () => {
    await expectRejectionNaming(
      edit('Received: ', 'Received: from evil.example by mx; Sun\r\nReceived: '),
      'received',
    );
  });

  it('rejects two Received headers in swapped order', async () => {
    const [first, second] = ORIGINAL.split('\r\n');

    await expectRejectionNaming(edit(`${first}\r\n${second}`, `${second}\r\n${first}`), 'received');
  });

  it('accepts immutable headers moved among the other headers, with other case and folding', async () => {
    const moved = edit(
      'Return-Path: <alice@example.com>\r\nFrom: Alice <alice@example.com>\r\n',
      'X-Added: yes\r\nFROM:   Alice\r\n\t<alice@example.com>\r\nreturn-path: <alice@example.com>\r\n',
    );

    await expect(validate(moved)).resolves.toBeUndefined();
  });

  it.each([
    ['from', /From: .*\r\n/],
    ['date', /Date: .*\r\n/],
  ])('rejects a message without the required %s', async (header, line) => {
    await expectRejectionNaming(edit(line, ''), header);
  });

  it.each([
    // header, a line of it (inserted once when the original lacks it)
    ['date', 'Date: Sun, 22 Nov 2026 10:00:00 +0000'],
    ['from', 'From: Alice <alice@example.com>'],
    ['sender', 'Sender: desk@example.com'],
    ['reply-to', 'Reply-To: alice@example.com'],
    ['to', 'To: bob@org.example'],
    ['cc', 'Cc: carol@org.example'],
    ['bcc', 'Bcc: dan@org.example'],
    ['message-id', 'Message-ID: <abc@example.com>'],
    ['in-reply-to', 'In-Reply-To: <parent@example.com>'],
    ['references', 'References: <parent@example.com>'],
    ['subject', 'Subject: Quarterly numbers'],
  ])('accepts one %s header and rejects two', async (header, line) => {
    const once = ORIGINAL.includes(line)
      ? ORIGINAL
      : edit('MIME-Version: 1.0', `${line}\r\nMIME-Version: 1.0`);
    const twice = once.replace('MIME-Version: 1.0', `${line}\r\nMIME-Version: 1.0`);

    await expect(validate(once)).resolves.toBeUndefined();
    await expectRejectionNaming(twice, header);
  });

  it('accepts headers that may repeat, such as Comments and Keywords', async () => {
    const repeated = edit(
      'MIME-Version: 1.0',
      'Comments: a\r\nComments: b\r\nKeywords: x\r\nKeywords: y\r\nMIME-Version: 1.0',
    );

    await expect(validate(repeated)).resolves.toBeUndefined();
  });
});
