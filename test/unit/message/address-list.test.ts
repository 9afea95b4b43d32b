import { parseAddressList } from '../../../lambdas/core/message';

describe('parseAddressList', () => {
  it("reads RFC 8621 §4.1.2.4's example with its group", () => {
    const raw =
      ' "  James Smythe" <james@example.com>, Friends:\r\n  jane@example.com, =?UTF-8?Q?John_Sm=C3=AEth?=\r\n  <john@example.com>;';

    expect(parseAddressList(raw)).toEqual([
      { name: null, addresses: [{ name: 'James Smythe', email: 'james@example.com' }] },
      {
        name: 'Friends',
        addresses: [
          { name: null, email: 'jane@example.com' },
          { name: 'John Smîth', email: 'john@example.com' },
        ],
      },
    ]);
  });

  it('collects each run of mailboxes outside groups into its own unnamed group', () => {
    expect(parseAddressList(' a@x, G: b@x;, c@x, d@x')).toEqual([
      { name: null, addresses: [{ name: null, email: 'a@x' }] },
      { name: 'G', addresses: [{ name: null, email: 'b@x' }] },
      {
        name: null,
        addresses: [
          { name: null, email: 'c@x' },
          { name: null, email: 'd@x' },
        ],
      },
    ]);
  });

  it('keeps an empty group', () => {
    expect(parseAddressList(' undisclosed-recipients:;')).toEqual([
      { name: 'undisclosed-recipients', addresses: [] },
    ]);
  });

  it('decodes quoted-pairs and keeps commas inside a quoted display name', () => {
    expect(parseAddressList(' "Doe, \\"JD\\" Jane" <jane@example.com>')).toEqual([
      { name: null, addresses: [{ name: 'Doe, "JD" Jane', email: 'jane@example.com' }] },
    ]);
  });

  it('names a mailbox after the comment that follows its addr-spec when it has no display name', () => {
    expect(
      parseAddressList(' jane@example.com (Jane\r\n Doe), <bob@example.com> (Bob)')[0].addresses,
    ).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com' },
      { name: 'Bob', email: 'bob@example.com' },
    ]);
  });

  it('removes comments, CFWS and source routes from the addr-spec', () => {
    expect(
      parseAddressList(
        ' Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>, <@a.test,@b.test:joe@c.test>',
      )[0].addresses,
    ).toEqual([
      { name: 'Pete', email: 'pete@silly.test' },
      { name: null, email: 'joe@c.test' },
    ]);
  });

  it('joins an obsolete addr-spec written with white space, and keeps a quoted local part', () => {
    expect(parseAddressList(' john . doe @ example . com, "john doe"@example.com')[0].addresses).toEqual([
      { name: null, email: 'john.doe@example.com' },
      { name: null, email: '"john doe"@example.com' },
    ]);
  });

  it('decodes encoded words in display names, in any known charset, inside quotes too', () => {
    expect(
      parseAddressList(' =?ISO-8859-1?Q?Andr=E9?= <a@x>, "=?UTF-8?B?w6k=?=" <e@x>')[0].addresses,
    ).toEqual([
      { name: 'André', email: 'a@x' },
      { name: 'é', email: 'e@x' },
    ]);
  });

  it('reads raw UTF-8 (RFC 6532) and normalises names to NFC', () => {
    expect(parseAddressList(' Zoe\u0308 <zoë@exämple.de>')[0].addresses).toEqual([
      { name: 'Zoë', email: 'zoë@exämple.de' },
    ]);
  });

  it('makes the best of broken lists: stray commas, missing commas, unclosed brackets and quotes', () => {
    expect(parseAddressList(' ,, a@x,, <b@x> c@x, Missing <d@x, "open <e@x>')).toEqual([
      {
        name: null,
        addresses: [
          { name: null, email: 'a@x' },
          { name: null, email: 'b@x' },
          { name: null, email: 'c@x' },
          { name: 'Missing', email: 'd@x' },
          { name: 'open', email: 'e@x' },
        ],
      },
    ]);
  });

  it('keeps a bare word as the email, and skips an empty <>', () => {
    expect(parseAddressList(' John Doe, <>')).toEqual([
      { name: null, addresses: [{ name: null, email: 'John Doe' }] },
    ]);
  });

  it('closes a group that has no semicolon at the end of the value', () => {
    expect(parseAddressList(' G: a@x, b@x')).toEqual([
      {
        name: 'G',
        addresses: [
          { name: null, email: 'a@x' },
          { name: null, email: 'b@x' },
        ],
      },
    ]);
  });

  it('reads nested comments, quoted local parts with brackets, and an angle address left open at the end', () => {
    expect(parseAddressList(' a@x (Ann (the boss)), <"b>c"@x>, Dee <d@x')[0].addresses).toEqual([
      { name: 'Ann (the boss)', email: 'a@x' },
      { name: null, email: '"b>c"@x' },
      { name: 'Dee', email: 'd@x' },
    ]);
  });

  it('reads a long run of unclosed, escaped quotes in one pass', () => {
    // Searching the rest of the value again after each stray quote would take minutes here.
    const value = ` ${'"\\'.repeat(200_000)}<a@x>`;

    expect(parseAddressList(value)[0].addresses.at(-1)).toEqual({ name: expect.any(String), email: 'a@x' });
  });

  it('returns nothing for an empty value', () => {
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList('  ')).toEqual([]);
  });
});
