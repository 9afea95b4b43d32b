import { CommandReader, type ReaderEvent } from '../../../../lambdas/imap/protocol';
import { events } from './events';

const commandNames = (list: ReaderEvent[]): string[] =>
  list.map((event) => (event.type === 'command' ? `${event.command.tag} ${event.command.name}` : event.type));

describe('CommandReader: framing', () => {
  it('gives nothing until a line is complete, then the command', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 NOOP'));
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('\r\n'));
    expect(reader.next()).toEqual({ type: 'command', command: { tag: 'a1', name: 'NOOP' } });
    expect(reader.next()).toBeUndefined();
  });

  it('accepts a bare LF as line end and skips empty lines between commands', () => {
    expect(commandNames(events('\r\n\na1 NOOP\nb2 CHECK\r\n'))).toEqual(['a1 NOOP', 'b2 CHECK']);
  });

  it('gives pipelined commands one per next() call', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 NOOP\r\na2 CAPABILITY\r\n'));
    expect(reader.next()).toMatchObject({ command: { tag: 'a1' } });
    expect(reader.next()).toMatchObject({ command: { tag: 'a2' } });
    expect(reader.next()).toBeUndefined();
  });

  it('gives the same events fed byte by byte as fed at once', () => {
    const input =
      'a1 LOGIN {4}\r\nuser {2+}\r\npw\r\na2 APPEND INBOX (\\Seen) ~{3}\r\na\0b\r\n' +
      'a3 SEARCH SUBJECT "x {3}"\r\nbad line\r\na4 FETCH 1:* (FLAGS BODY[HEADER.FIELDS (To)])\r\n';
    const reader = new CommandReader();
    const byByte: ReaderEvent[] = [];
    for (const byte of Buffer.from(input)) {
      reader.push(Buffer.from([byte]));
      for (let event = reader.next(); event !== undefined; event = reader.next()) byByte.push(event);
    }
    expect(byByte).toEqual(events(input));
    expect(commandNames(byByte)).toEqual([
      'continue',
      'a1 LOGIN',
      'continue',
      'a2 APPEND',
      'a3 SEARCH',
      'bad',
      'a4 FETCH',
    ]);
  });

  it('after expectLine() gives the next line as text, then commands again (IDLE ... DONE in one chunk)', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 IDLE\r\nDONE\r\na2 NOOP\r\n'));
    expect(reader.next()).toMatchObject({ type: 'command', command: { name: 'IDLE' } });
    reader.expectLine();
    expect(reader.next()).toEqual({ type: 'line', text: 'DONE' });
    expect(reader.next()).toMatchObject({ type: 'command', command: { name: 'NOOP' } });
  });

  it('gives an AUTHENTICATE response line even when it looks like a literal announcement', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 AUTHENTICATE PLAIN\r\n{5}\r\n'));
    expect(reader.next()).toMatchObject({ command: { name: 'AUTHENTICATE', mechanism: 'PLAIN' } });
    reader.expectLine();
    expect(reader.next()).toEqual({ type: 'line', text: '{5}' });
  });

  it('does not treat {n} inside an unterminated quoted string as a literal', () => {
    expect(events('a1 LOGIN "x {3}\r\n')).toEqual([
      { type: 'bad', tag: 'a1', text: 'Unterminated quoted string' },
    ]);
  });

  it('does not treat {n-} as a literal (LITERAL- reuses {n+})', () => {
    expect(events('a1 LOGIN {3-}\r\nabc x\r\n')[0]).toMatchObject({ type: 'bad', tag: 'a1' });
  });
});

describe('CommandReader: literals', () => {
  it('asks for a continuation before a synchronizing literal and not before a non-synchronizing one', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 LOGIN {4}\r\n'));
    expect(reader.next()).toEqual({ type: 'continue' });
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('us\r\n {3+}\r\np"\\\r\n'));
    expect(reader.next()).toEqual({
      type: 'command',
      command: { tag: 'a1', name: 'LOGIN', user: 'us\r\n', password: 'p"\\' },
    });
  });

  it('keeps literal8 bytes (NUL included) and marks them binary in APPEND', () => {
    const [continued, event] = events('a1 APPEND INBOX ~{3}\r\na\0b\r\n');
    expect(continued).toEqual({ type: 'continue' });
    expect(event).toMatchObject({
      type: 'command',
      command: { messages: [{ content: Buffer.from('a\0b'), binary: true }] },
    });
  });

  it('refuses literal8 outside APPEND', () => {
    expect(events('a1 LOGIN ~{1+}\r\nx y\r\n')).toEqual([
      { type: 'bad', tag: 'a1', text: 'literal8 is only allowed in APPEND' },
    ]);
  });

  it('answers tooBig for a 2 GB synchronizing literal without waiting for or allocating it, then reads on', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 APPEND INBOX {2147483648}\r\na2 NOOP\r\n'));
    expect(reader.next()).toEqual({ type: 'tooBig', tag: 'a1', text: 'Literal too big' });
    expect(reader.next()).toMatchObject({ type: 'command', command: { tag: 'a2' } });
  });

  it('is fatal for a non-synchronizing literal over the limit', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 APPEND INBOX {2147483648+}\r\nabc'));
    expect(reader.next()).toEqual({ type: 'fatal', text: 'Non-synchronizing literal too big' });
    reader.push(Buffer.from('\r\na2 NOOP\r\n'));
    expect(reader.next()).toBeUndefined();
    expect(reader.bufferedBytes).toBe(0);
  });

  it('accepts literals exactly at the limit, counting all literals of a command together', () => {
    const options = { maxLiteralBytes: 5 };
    expect(events('a1 LOGIN {2+}\r\nab {3+}\r\ncde\r\n', options)[0]).toMatchObject({ type: 'command' });
    expect(events('a1 LOGIN {2+}\r\nab {4+}\r\ncdef\r\n', options)[0]).toMatchObject({ type: 'fatal' });
    expect(events('a1 LOGIN {2+}\r\nab {4}\r\n', options)).toEqual([
      { type: 'tooBig', tag: 'a1', text: 'Literal too big' },
    ]);
  });

  it('applies the APPEND limit to APPEND and the general limit to the rest', () => {
    const options = { maxLiteralBytes: 2, maxAppendLiteralBytes: 4 };
    expect(events('a1 APPEND INBOX {4}\r\n', options)).toEqual([{ type: 'continue' }]);
    expect(events('a1 APPEND INBOX {5}\r\n', options)[0].type).toBe('tooBig');
    expect(events('a1 LOGIN {3}\r\n', options)[0].type).toBe('tooBig');
  });

  it('allows a 40 MiB APPEND literal by default and not one byte more', () => {
    expect(events('a1 APPEND INBOX {41943040}\r\n')).toEqual([{ type: 'continue' }]);
    expect(events('a1 APPEND INBOX {41943041}\r\n')[0].type).toBe('tooBig');
    expect(events('a1 LOGIN {65536}\r\n')).toEqual([{ type: 'continue' }]);
    expect(events('a1 LOGIN {65537}\r\n')[0].type).toBe('tooBig');
  });

  it('refuses a synchronizing literal of an unknown command at once, so the client never sends it', () => {
    expect(events('a1 FROB {5}\r\na2 NOOP\r\n')).toEqual([
      { type: 'bad', tag: 'a1', text: 'Unknown command' },
      { type: 'command', command: { tag: 'a2', name: 'NOOP' } },
    ]);
  });

  it('discards the non-synchronizing literals of a bad command, however they look', () => {
    expect(events('a1 FROB {9+}\r\na2 NOOP\r\n x\r\na3 NOOP\r\n')).toEqual([
      { type: 'bad', tag: 'a1', text: 'Unknown command' },
      { type: 'command', command: { tag: 'a3', name: 'NOOP' } },
    ]);
  });

  it('reports a missing tag without one', () => {
    expect(events('+ NOOP\r\n')).toEqual([{ type: 'bad', text: 'Missing or invalid tag' }]);
    expect(events('a1\r\n')).toEqual([{ type: 'bad', text: 'Missing or invalid tag' }]);
    expect(events('a1 \r\n')).toEqual([{ type: 'bad', tag: 'a1', text: 'Missing command' }]);
  });
});

describe('CommandReader: line limit and flow control', () => {
  const line = (length: number): string => `a1 NOOP${' '.repeat(length - 7)}`;

  it('accepts a line of exactly maxLineBytes and is fatal at one byte more, however it is chunked', () => {
    expect(events(`${line(20)}\r\n`, { maxLineBytes: 20 })[0]).toMatchObject({ type: 'bad', tag: 'a1' });
    expect(events(`${line(21)}\r\n`, { maxLineBytes: 20 })).toEqual([
      { type: 'fatal', text: 'Command line too long' },
    ]);
    const reader = new CommandReader({ maxLineBytes: 20 });
    reader.push(Buffer.from(`${line(20)}\r`));
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('\n'));
    expect(reader.next()).toMatchObject({ type: 'bad' });
  });

  it('is fatal for an endless line once it passes the limit, without waiting for its end', () => {
    const reader = new CommandReader({ maxLineBytes: 20 });
    reader.push(Buffer.from('a'.repeat(21)));
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('a'));
    expect(reader.next()).toEqual({ type: 'fatal', text: 'Command line too long' });
  });

  it('counts the lines of one command together, literals not included', () => {
    const input = 'a1 LOGIN {1+}\r\nx "yyyyyyy"\r\n'; // 13 + 10 line bytes
    expect(events(input, { maxLineBytes: 23 })[0]).toMatchObject({ type: 'command' });
    expect(events(input, { maxLineBytes: 22 })[0]).toEqual({ type: 'fatal', text: 'Command line too long' });
  });

  it('applies the line limit to expectLine() lines', () => {
    const reader = new CommandReader({ maxLineBytes: 4 });
    reader.expectLine();
    reader.push(Buffer.from('DONE\r\n'));
    expect(reader.next()).toEqual({ type: 'line', text: 'DONE' });
    reader.expectLine();
    reader.push(Buffer.from('DONE!\r\n'));
    expect(reader.next()).toEqual({ type: 'fatal', text: 'Command line too long' });
  });

  it('drains a 100,000-command flood pushed at once one event at a time, in linear time', () => {
    const reader = new CommandReader();
    const flood = Buffer.from('a1 NOOP\r\n'.repeat(100_000));
    reader.push(flood);
    const started = Date.now();
    const buffered: number[] = [reader.bufferedBytes];
    for (let event = reader.next(); event !== undefined; event = reader.next())
      buffered.push(reader.bufferedBytes);
    // Copying the remainder per command would move ~45 GB here and take minutes.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(buffered).toHaveLength(100_001);
    expect(buffered[0]).toBe(flood.length);
    expect(buffered.every((bytes, i) => bytes === flood.length - 9 * i)).toBe(true);
  });

  it('counts bytes not yet framed, but not the literal being read', () => {
    const reader = new CommandReader();
    reader.push(Buffer.from('a1 APPEND INBOX {10+}\r\n12345'));
    expect(reader.bufferedBytes).toBe(28);
    expect(reader.next()).toBeUndefined();
    expect(reader.bufferedBytes).toBe(0);
    reader.push(Buffer.from('67890\r\na2 NOOP\r\n'));
    expect(reader.next()).toMatchObject({ command: { name: 'APPEND' } });
    expect(reader.bufferedBytes).toBe(9);
  });

  it('handles many tiny pushes without slowing down', () => {
    const reader = new CommandReader();
    const started = Date.now();
    for (let i = 0; i < 60_000; i += 1) reader.push(Buffer.from(' '));
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('\r\n'));
    expect(reader.next()).toEqual({ type: 'bad', text: 'Missing or invalid tag' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
