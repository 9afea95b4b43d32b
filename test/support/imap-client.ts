import { connect, type Socket } from 'node:net';

/**
 * One IMAP value as {@link ImapClient} parses it: an atom or string (quoted or literal) as a byte string (one char
 * per byte, latin1; literal8 too), `NIL` as null, a parenthesized list as an array. `BODY[HEADER.FIELDS (A B)]<0>` and
 * `[UIDVALIDITY 7]` are single atoms.
 */
export type ImapValue = string | null | ImapValue[];

/** A command's outcome: the tagged status and text, and the untagged responses (`*` dropped) received before it. */
export interface ImapReply {
  readonly status: 'OK' | 'NO' | 'BAD';
  readonly text: string;
  readonly untagged: ImapValue[][];
}

/** A byte string (see {@link ImapValue}) as the UTF-8 text it encodes. */
export const utf8 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

const ATOM_END = new Set([' ', '(', ')', '\r', '\n']);

/** Parses one response (without its CRLF) into values. */
export function parseResponse(text: string): ImapValue[] {
  const stack: ImapValue[][] = [[]];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (char === ' ') at++;
    else if (char === '(') {
      const list: ImapValue[] = [];
      stack.at(-1)!.push(list);
      stack.push(list);
      at++;
    } else if (char === ')') {
      if (stack.length > 1) stack.pop();
      at++;
    } else if (char === '"') {
      let value = '';
      for (at++; at < text.length && text[at] !== '"'; at++)
        value += text[at] === '\\' ? text[++at] : text[at];
      stack.at(-1)!.push(value);
      at++;
    } else if ((char === '{' || char === '~') && /^~?\{\d+\+?\}\r\n/.test(text.slice(at, at + 25))) {
      // A literal, or a literal8 (`~{n}`, RFC 3516) as BINARY[] answers.
      const close = text.indexOf('}', at);
      const length = Number(text.slice(text.indexOf('{', at) + 1, close).replace('+', ''));
      stack.at(-1)!.push(text.slice(close + 3, close + 3 + length));
      at = close + 3 + length;
    } else {
      const start = at;
      for (let depth = 0; at < text.length && (depth > 0 || !ATOM_END.has(text[at])); at++)
        depth += text[at] === '[' ? 1 : text[at] === ']' ? -1 : 0;
      const atom = text.slice(start, at);
      stack.at(-1)!.push(atom === 'NIL' ? null : atom);
    }
  }
  return stack[0];
}

/**
 * A small IMAP4rev1 client for tests that compare servers: every response is read whole (literals included) and
 * parsed; literals are sent synchronizing (RFC 3501 §7.5), so it needs no extension from the server.
 * @example
 * const imap = await ImapClient.connect('127.0.0.1', port);
 * await imap.login('ana', 'secret');
 * const { untagged } = await imap.command('FETCH 1:* (FLAGS ENVELOPE)');
 */
export class ImapClient {
  private received = '';
  private waiting?: () => void;
  private tags = 0;
  private closed = false;
  /** The server's greeting, e.g. `['OK', '[CAPABILITY ...]', ...]`. */
  greeting: ImapValue[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    socket.on('error', () => undefined);
  }

  /** Connects and reads the greeting; a `* BYE` greeting is an error. */
  static async connect(host: string, port: number): Promise<ImapClient> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new ImapClient(socket);
    client.greeting = parseResponse(await client.response()).slice(1);
    if (client.greeting[0] !== 'OK' && client.greeting[0] !== 'PREAUTH')
      throw new Error(`IMAP greeting refused: ${String(client.greeting[0])}`);
    return client;
  }

  /** `LOGIN` with quoted credentials; a refusal is an error. */
  async login(user: string, pass: string): Promise<void> {
    const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;
    const reply = await this.command(`LOGIN ${quote(user)} ${quote(pass)}`);
    if (reply.status !== 'OK') throw new Error(`IMAP LOGIN refused: ${reply.text}`);
  }

  /**
   * Sends `<tag> <line>`; with `literal`, the line ends with `{n}` and the bytes follow once the server says `+`.
   * @param literal - e.g. the message of an APPEND
   */
  async command(line: string, literal?: Buffer): Promise<ImapReply> {
    const tag = `c${++this.tags}`;
    const untagged: ImapValue[][] = [];
    if (literal) {
      this.socket.write(`${tag} ${line} {${literal.length}}\r\n`);
      for (
        let response = await this.response();
        !response.startsWith('+');
        response = await this.response()
      ) {
        if (response.startsWith(`${tag} `)) return this.tagged(response, untagged);
        untagged.push(parseResponse(response).slice(1));
      }
      this.socket.write(Buffer.concat([literal, Buffer.from('\r\n')]));
    } else this.socket.write(`${tag} ${line}\r\n`);
    for (;;) {
      const response = await this.response();
      if (response.startsWith(`${tag} `)) return this.tagged(response, untagged);
      if (response.startsWith('* ')) untagged.push(parseResponse(response).slice(1));
    }
  }

  /**
   * Sends `<tag> <line>` and waits for the tagged reply without parsing what comes before it, for benchmarks
   * (only the byte count is kept; a literal that itself holds `<CRLF><tag> ` would end it early).
   */
  async commandUnparsed(line: string): Promise<{ status: string; bytes: number }> {
    const tag = `c${++this.tags}`;
    this.socket.write(`${tag} ${line}\r\n`);
    const marker = `\r\n${tag} `;
    // Responses start after a CRLF; the previous reply was consumed up to its own, so one stands in for it.
    this.received = `\r\n${this.received}`;
    let bytes = -2;
    for (;;) {
      const at = this.received.indexOf(marker);
      if (at >= 0) {
        const end = this.received.indexOf('\r\n', at + marker.length);
        if (end >= 0) {
          const status = this.received.slice(at + marker.length).split(' ')[0];
          bytes += end + 2;
          this.received = this.received.slice(end + 2);
          return { status, bytes };
        }
      } else if (this.received.length > marker.length) {
        // Keep only a possible partial marker: what is before it is counted and dropped.
        const keep = marker.length;
        bytes += this.received.length - keep;
        this.received = this.received.slice(-keep);
      }
      if (this.closed) throw new Error('IMAP connection closed mid-response');
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
  }

  /** Logs out and closes the connection. */
  async logout(): Promise<void> {
    if (!this.closed) await this.command('LOGOUT');
    this.socket.end();
  }

  /** Closes the connection without a word (for connections the server may already have dropped). */
  destroy(): void {
    this.socket.destroy();
  }

  private tagged(response: string, untagged: ImapValue[][]): ImapReply {
    const [, status, text] = /^\S+ (OK|NO|BAD) ?(.*)$/s.exec(response) ?? [];
    if (!status) throw new Error(`unexpected IMAP tagged response: ${response.slice(0, 200)}`);
    return { status: status as ImapReply['status'], text, untagged };
  }

  /** The next whole response: a line, and for each literal it announces, the literal and the rest of the line. */
  private async response(): Promise<string> {
    for (let scanned = 0; ;) {
      const end = this.received.indexOf('\r\n', scanned);
      if (end >= 0) {
        const literal = /\{(\d+)\+?\}$/.exec(this.received.slice(scanned, end));
        if (!literal) {
          const response = this.received.slice(0, end);
          this.received = this.received.slice(end + 2);
          return response;
        }
        const literalEnd = end + 2 + Number(literal[1]);
        if (this.received.length >= literalEnd) {
          scanned = literalEnd;
          continue;
        }
      }
      if (this.closed) throw new Error('IMAP connection closed mid-response');
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
  }
}
