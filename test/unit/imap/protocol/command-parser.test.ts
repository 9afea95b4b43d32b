import { bad, events, parse } from './events';

const field = (line: string, key: string): unknown =>
  (parse(line) as unknown as Record<string, unknown>)[key];
const selection = (options: string[]): object => ({ selection: options });

describe('Parser: simple commands', () => {
  it.each([
    'CAPABILITY',
    'NOOP',
    'LOGOUT',
    'STARTTLS',
    'CHECK',
    'CLOSE',
    'UNSELECT',
    'IDLE',
    'NAMESPACE',
    'EXPUNGE',
  ])('parses %s case-insensitively and refuses arguments', (name) => {
    expect(parse(`t1 ${name.toLowerCase()}`)).toEqual({ tag: 't1', name });
    expect(bad(`t1 ${name} x`)).toEqual({ tag: 't1', text: 'Unexpected extra arguments' });
  });

  it('accepts any astring chars except + in a tag, including ]', () => {
    expect(parse('a]1.x NOOP').tag).toBe('a]1.x');
    expect(bad('a+1 NOOP')).toEqual({ text: 'Missing or invalid tag' });
  });

  it('parses LOGIN with atoms, quoted strings with escapes and literals', () => {
    expect(parse('a LOGIN fred "se\\"cr\\\\et"')).toMatchObject({ user: 'fred', password: 'se"cr\\et' });
    expect(events('a LOGIN {4+}\r\nfr d {2+}\r\n\r\n\r\n')[0]).toMatchObject({
      command: { user: 'fr d', password: '\r\n' },
    });
    expect(bad('a LOGIN fred')).toEqual({ tag: 'a', text: 'Missing space between arguments' });
    expect(bad('a LOGIN fred "x\\n"')).toEqual({ tag: 'a', text: 'Invalid escape in quoted string' });
  });

  it('parses AUTHENTICATE with and without an initial response', () => {
    expect(parse('a authenticate plain')).toEqual({ tag: 'a', name: 'AUTHENTICATE', mechanism: 'PLAIN' });
    expect(parse('a AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0')).toMatchObject({
      initialResponse: 'AGZyZWQAc2VjcmV0',
    });
    expect(parse('a AUTHENTICATE PLAIN =')).toMatchObject({ initialResponse: '=' });
    expect(bad('a AUTHENTICATE PLAIN abc')).toEqual({ tag: 'a', text: 'Invalid base64' });
  });

  it('parses ID with NIL or field/value pairs and caps them at 30', () => {
    expect(parse('a ID NIL')).toEqual({ tag: 'a', name: 'ID', parameters: null });
    expect(parse('a ID ("name" "Mail" "os" NIL)')).toMatchObject({ parameters: { name: 'Mail', os: null } });
    const pairs = (n: number): string => Array.from({ length: n }, (_, i) => `"k${i}" "v"`).join(' ');
    expect(parse(`a ID (${pairs(30)})`)).toMatchObject({ name: 'ID' });
    expect(bad(`a ID (${pairs(31)})`).text).toBe('Too many ID fields');
    expect(bad('a ID ("name")').text).toBe('Missing space between arguments');
  });

  it('parses ENABLE with one or more capabilities, upper-cased', () => {
    expect(parse('a ENABLE condstore utf8=accept')).toMatchObject({
      capabilities: ['CONDSTORE', 'UTF8=ACCEPT'],
    });
    expect(bad('a ENABLE').text).toBe('Missing space between arguments');
  });
});

describe('Parser: mailbox commands', () => {
  it('normalises INBOX in any case and decodes modified UTF-7 names', () => {
    expect(parse('a SELECT iNbOx')).toEqual({ tag: 'a', name: 'SELECT', mailbox: 'INBOX', condstore: false });
    expect(parse('a EXAMINE "&ZeVnLIqe-/a&-b"')).toMatchObject({ name: 'EXAMINE', mailbox: '日本語/a&b' });
    expect(parse('a CREATE INBOX.sub')).toMatchObject({ mailbox: 'INBOX.sub' });
    expect(bad('a CREATE "caf\u00e9"').text).toBe('Mailbox name is not 7-bit modified UTF-7');
    expect(bad('a CREATE &Jjo').text).toBe('Unterminated & in mailbox name');
  });

  it('takes UTF-8 names literally after UTF8=ACCEPT', () => {
    expect(parse('a CREATE "café &ZeVnLIqe-"', true)).toMatchObject({ mailbox: 'café &ZeVnLIqe-' });
  });

  it('parses SELECT with CONDSTORE and QRESYNC in all its shapes', () => {
    expect(parse('a SELECT INBOX (CONDSTORE)')).toMatchObject({ condstore: true });
    expect(parse('a SELECT INBOX (QRESYNC (1 2))')).toMatchObject({ qresync: { uidValidity: 1, modseq: 2 } });
    expect(field('a SELECT INBOX (QRESYNC (1 2 3:5))', 'qresync')).toEqual({
      uidValidity: 1,
      modseq: 2,
      knownUids: [{ from: 3, to: 5 }],
    });
    expect(parse('a SELECT INBOX (QRESYNC (1 2 (1 7)) CONDSTORE)')).toMatchObject({
      condstore: true,
      qresync: { sequenceMatch: { sequences: [{ from: 1, to: 1 }], uids: [{ from: 7, to: 7 }] } },
    });
    expect(field('a SELECT INBOX (QRESYNC (1 2 5 (1 7)))', 'qresync')).toMatchObject({
      knownUids: [{ from: 5, to: 5 }],
    });
    expect(bad('a SELECT INBOX (QRESYNC (0 2))').text).toBe('Expected a non-zero number');
    expect(bad('a SELECT INBOX (FROB)').text).toBe('Unknown or repeated select parameter');
    expect(bad('a SELECT INBOX ()').text).toBe('Empty list');
  });

  it('accepts a 63-bit mod-sequence and refuses 2^63', () => {
    expect(parse('a SELECT INBOX (QRESYNC (1 9223372036854775807))')).toMatchObject({ name: 'SELECT' });
    expect(bad('a SELECT INBOX (QRESYNC (1 9223372036854775808))').text).toBe('Number out of range');
  });

  it('parses DELETE, SUBSCRIBE, UNSUBSCRIBE, RENAME, STATUS and LSUB', () => {
    expect(parse('a DELETE x')).toEqual({ tag: 'a', name: 'DELETE', mailbox: 'x' });
    expect(parse('a SUBSCRIBE x')).toMatchObject({ name: 'SUBSCRIBE', mailbox: 'x' });
    expect(parse('a UNSUBSCRIBE x')).toMatchObject({ name: 'UNSUBSCRIBE', mailbox: 'x' });
    expect(parse('a RENAME old {3+}\r\nnew')).toMatchObject({ from: 'old', to: 'new' });
    expect(parse('a STATUS inbox (messages UIDNEXT highestmodseq)')).toMatchObject({
      mailbox: 'INBOX',
      items: ['MESSAGES', 'UIDNEXT', 'HIGHESTMODSEQ'],
    });
    expect(bad('a STATUS x (FROB)').text).toBe('Unknown status item');
    expect(bad('a STATUS x ()').text).toBe('Empty list');
    expect(parse('a LSUB "" %/*')).toEqual({ tag: 'a', name: 'LSUB', reference: '', pattern: '%/*' });
  });

  it('parses COPY and MOVE, UID or not', () => {
    expect(parse('a COPY 1:2 Trash')).toEqual({
      tag: 'a',
      name: 'COPY',
      uid: false,
      set: [{ from: 1, to: 2 }],
      mailbox: 'Trash',
    });
    expect(parse('a uid move $ Trash')).toEqual({
      tag: 'a',
      name: 'MOVE',
      uid: true,
      set: '$',
      mailbox: 'Trash',
    });
    expect(bad('a COPY 1:2').text).toBe('Missing space between arguments');
  });

  it('parses UID EXPUNGE with its set and refuses other UID commands', () => {
    expect(parse('a UID EXPUNGE 3:5')).toEqual({ tag: 'a', name: 'EXPUNGE', uidSet: [{ from: 3, to: 5 }] });
    expect(bad('a UID EXPUNGE').text).toBe('Missing space between arguments');
    expect(bad('a UID LOGIN x y').text).toBe('Unknown UID command');
  });
});

describe('Parser: LIST', () => {
  it('parses the basic form', () => {
    expect(parse('a LIST "" *')).toEqual({
      tag: 'a',
      name: 'LIST',
      reference: '',
      patterns: ['*'],
      options: { selection: [], returnSubscribed: false, returnChildren: false, returnSpecialUse: false },
    });
  });

  it('parses selection options, several patterns and return options', () => {
    expect(
      parse('a LIST (subscribed special-use) "" ("INBOX" &ZeVnLIqe-/%) RETURN (SPECIAL-USE CHILDREN)'),
    ).toEqual({
      tag: 'a',
      name: 'LIST',
      reference: '',
      patterns: ['INBOX', '日本語/%'],
      options: {
        selection: ['SUBSCRIBED', 'SPECIAL-USE'],
        returnSubscribed: false,
        returnChildren: true,
        returnSpecialUse: true,
      },
    });
    expect(field('a LIST "" % RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))', 'options')).toMatchObject({
      returnSubscribed: true,
      returnStatus: ['MESSAGES', 'UNSEEN'],
    });
    expect(field('a LIST () "" % RETURN ()', 'options')).toMatchObject(selection([]));
  });

  it('refuses unknown options and RECURSIVEMATCH on its own', () => {
    expect(bad('a LIST (FROB) "" %').text).toBe('Unknown LIST selection option');
    expect(bad('a LIST (RECURSIVEMATCH REMOTE) "" %').text).toBe(
      'RECURSIVEMATCH needs another selection option',
    );
    expect(field('a LIST (RECURSIVEMATCH SUBSCRIBED) "" %', 'options')).toMatchObject(
      selection(['RECURSIVEMATCH', 'SUBSCRIBED']),
    );
    expect(bad('a LIST "" % RETURN (FROB)').text).toBe('Unknown or repeated LIST return option');
    expect(bad('a LIST "" % RETRUN (CHILDREN)').text).toBe('Expected RETURN');
    expect(bad('a LIST "" ()').text).toBe('Empty list');
  });
});

describe('Parser: APPEND', () => {
  it('parses flags, the internal date and the literal', () => {
    const [, event] = events('a APPEND Sent (\\seen $Label) "17-Jul-1996 02:44:25 -0700" {5}\r\nhello\r\n');
    expect(event).toEqual({
      type: 'command',
      command: {
        tag: 'a',
        name: 'APPEND',
        mailbox: 'Sent',
        messages: [
          {
            flags: ['\\Seen', '$Label'],
            internalDate: Date.UTC(1996, 6, 17, 9, 44, 25),
            content: Buffer.from('hello'),
            binary: false,
          },
        ],
      },
    });
  });

  it('accepts a space-padded day and a positive zone', () => {
    const [event] = events('a APPEND x " 7-Jul-1996 02:44:25 +0130" {1+}\r\nz\r\n');
    expect(event).toMatchObject({
      command: { messages: [{ internalDate: Date.UTC(1996, 6, 7, 1, 14, 25) }] },
    });
  });

  it('parses several messages (MULTIAPPEND)', () => {
    const [event] = events('a APPEND x {1+}\r\n1 (\\Draft) {1+}\r\n2 ~{1+}\r\n3\r\n');
    expect(event).toMatchObject({
      command: {
        messages: [
          { flags: [], content: Buffer.from('1'), binary: false },
          { flags: ['\\Draft'], content: Buffer.from('2'), binary: false },
          { flags: [], content: Buffer.from('3'), binary: true },
        ],
      },
    });
  });

  it.each([
    ['a APPEND x "31-Feb-2020 00:00:00 +0000" {1+}\r\nz\r\n', 'Invalid date-time'],
    ['a APPEND x "17-Jul-1996 24:00:00 +0000" {1+}\r\nz\r\n', 'Invalid date-time'],
    ['a APPEND x "17-Jul-1996 02:44:25 0700" {1+}\r\nz\r\n', 'Invalid date-time'],
    ['a APPEND x "hello"\r\n', 'Invalid date-time'],
    ['a APPEND x\r\n', 'Missing space between arguments'],
    ['a APPEND x (\\Seen)\r\n', 'Missing space between arguments'],
    ['a APPEND x {1+}\r\nz trailing\r\n', 'Expected a literal'],
  ])('refuses %j', (input, text) => {
    expect(events(input)).toEqual([{ type: 'bad', tag: 'a', text }]);
  });
});

describe('Parser: STORE', () => {
  it('parses the three modes, .SILENT, bare flags and UNCHANGEDSINCE', () => {
    expect(parse('a STORE 1 FLAGS (\\Seen)')).toEqual({
      tag: 'a',
      name: 'STORE',
      uid: false,
      set: [{ from: 1, to: 1 }],
      mode: 'replace',
      silent: false,
      flags: ['\\Seen'],
    });
    expect(parse('a UID STORE 1 +flags.silent \\Deleted \\FLAGGED')).toMatchObject({
      uid: true,
      mode: 'add',
      silent: true,
      flags: ['\\Deleted', '\\Flagged'],
    });
    expect(parse('a STORE 1 -FLAGS ()')).toMatchObject({ mode: 'remove', flags: [] });
    expect(parse('a STORE 1:* (UNCHANGEDSINCE 0) FLAGS $Work')).toMatchObject({
      unchangedSince: 0,
      flags: ['$Work'],
    });
  });

  it('refuses other items and bad modifiers', () => {
    expect(bad('a STORE 1 LABELS (x)').text).toBe('Expected FLAGS');
    expect(bad('a STORE 1 (FROB 1) FLAGS x').text).toBe('Unknown or repeated store modifier');
    expect(bad('a STORE 1 FLAGS (\\Seen) x').text).toBe('Unexpected extra arguments');
    expect(bad('a STORE 1 FLAGS').text).toBe('Missing space between arguments');
  });
});

describe('Parser: errors', () => {
  it('names unknown commands without echoing them', () => {
    expect(bad(`a ${'X'.repeat(5000)}`)).toEqual({ tag: 'a', text: 'Unknown command' });
  });

  it('refuses invalid UTF-8 in strings', () => {
    expect(events(Buffer.concat([Buffer.from('a LOGIN "\xff" x\r\n', 'latin1')]))).toEqual([
      { type: 'bad', tag: 'a', text: 'Invalid UTF-8 in string' },
    ]);
  });
});
