import {
  CommandReader,
  type CommandReaderOptions,
  type Command,
  type ReaderEvent,
} from '../../../../lambdas/imap/protocol';

/** Every event the reader gives for `input` pushed at once (continuations included). */
export function events(
  input: string | Buffer,
  options: CommandReaderOptions = {},
  utf8 = false,
): ReaderEvent[] {
  const reader = new CommandReader(options);
  if (utf8) reader.enableUtf8();
  reader.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  const out: ReaderEvent[] = [];
  for (let event = reader.next(); event !== undefined; event = reader.next()) out.push(event);
  return out;
}

/** The one command `line` (CRLF added) parses to; fails the test on anything else. */
export function parse(line: string, utf8 = false): Command {
  const result = events(`${line}\r\n`, {}, utf8).filter((event) => event.type !== 'continue');
  if (result.length !== 1 || result[0].type !== 'command')
    throw new Error(`not one command: ${JSON.stringify(result)}`);
  return result[0].command;
}

/** The BAD event `line` (CRLF added) gives. */
export function bad(line: string, utf8 = false): { tag?: string; text: string } {
  const result = events(`${line}\r\n`, {}, utf8).filter((event) => event.type !== 'continue');
  if (result.length !== 1 || result[0].type !== 'bad')
    throw new Error(`not one BAD: ${JSON.stringify(result)}`);
  return { tag: result[0].tag, text: result[0].text };
}
