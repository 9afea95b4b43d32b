import { decodeMailboxName, encodeMailboxName } from '../../../../lambdas/imap/protocol';

describe('Modified UTF-7 mailbox names', () => {
  it.each([
    ['日本語', '&ZeVnLIqe-'],
    ['&', '&-'],
    ['a&b/c', 'a&-b/c'],
    ['~peter/mail/台北/日本語', '~peter/mail/&U,BTFw-/&ZeVnLIqe-'],
    ['Entwürfe', 'Entw&APw-rfe'],
    ['😀', '&2D3eAA-'],
    ['plain ASCII', 'plain ASCII'],
    ['', ''],
  ])('round-trips %j ↔ %j', (name, encoded) => {
    expect(encodeMailboxName(name)).toBe(encoded);
    expect(decodeMailboxName(encoded)).toBe(name);
  });

  it.each([
    ['&ZeVnLIqe', 'Unterminated & in mailbox name'],
    ['&Z!-', 'Invalid base64 in mailbox name'],
    ['&Z-', 'Invalid base64 in mailbox name'],
    ['&ZeV-', 'Invalid base64 in mailbox name'],
    ['&ZeX-', 'Invalid base64 in mailbox name'],
    ['&AGE-', 'Encoded ASCII in mailbox name'],
    ['&2D0-', 'Lone surrogate in mailbox name'],
    ['&3gA-', 'Lone surrogate in mailbox name'],
    ['caf\u00e9', 'Mailbox name is not 7-bit modified UTF-7'],
    ['a\tb', 'Mailbox name is not 7-bit modified UTF-7'],
  ])('refuses %j', (encoded, message) => {
    expect(() => decodeMailboxName(encoded)).toThrow(message);
  });
});
