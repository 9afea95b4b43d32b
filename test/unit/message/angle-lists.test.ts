import { parseMessageIds, parseUrls } from '../../../lambdas/core/message';

describe('parseMessageIds', () => {
  it('reads msg-ids without brackets, comments and folding', () => {
    expect(parseMessageIds(' <root@example.com> (root)\r\n <prev@example.com>')).toEqual([
      'root@example.com',
      'prev@example.com',
    ]);
  });

  it('ignores the phrases the obsolete In-Reply-To syntax allows, and ids inside comments', () => {
    expect(parseMessageIds(' Your message of Monday <a@x> (also <c@x>) <b@x>')).toEqual(['a@x', 'b@x']);
  });

  it('accepts a single bare left@right identifier', () => {
    expect(parseMessageIds(' abc@example.com ')).toEqual(['abc@example.com']);
  });

  it('is null when nothing parses', () => {
    expect(parseMessageIds(' not-an-id')).toBeNull();
    expect(parseMessageIds('')).toBeNull();
    expect(parseMessageIds(' <>')).toBeNull();
    expect(parseMessageIds(' <unclosed@x')).toBeNull();
  });
});

describe('parseUrls', () => {
  it('reads the bracketed URLs of RFC 2369, white space inside removed and comments ignored', () => {
    expect(
      parseUrls(
        ' <https://lists.example.com/u?x=1> (web),\r\n <mailto:leave@example.com?subject=unsubscribe>',
      ),
    ).toEqual(['https://lists.example.com/u?x=1', 'mailto:leave@example.com?subject=unsubscribe']);
    expect(parseUrls(' <https://example.com/a_(b)>, <http://x\r\n .example/y>')).toEqual([
      'https://example.com/a_(b)',
      'http://x.example/y',
    ]);
  });

  it('is null for a value without URLs', () => {
    expect(parseUrls(' NO (posting not allowed)')).toBeNull();
  });
});
