import { connect, type Socket } from 'node:net';

/**
 * A minimal IMAP client for setting up a reference server in tests: tagged commands, literals sent with
 * LITERAL+ (RFC 7888) so no continuation is awaited, and a refusal (`NO`/`BAD`) thrown as an error.
 * @example
 * const imap = await ImapDialog.open('127.0.0.1', port);
 * await imap.command('LOGIN admin secret');
 * await imap.command('APPEND INBOX', rawMessage);
 */
export class ImapDialog {
  private received = Buffer.alloc(0);
  private waiting?: () => void;
  private tags = 0;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  /** Connects and reads the greeting, which must be `* OK`. */
  static async open(host: string, port: number): Promise<ImapDialog> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const dialog = new ImapDialog(socket);
    const greeting = await dialog.lineMatching(/^\* (OK|BYE|PREAUTH)/m);
    if (!greeting.startsWith('* OK')) throw new Error(`IMAP greeting refused: ${greeting}`);
    return dialog;
  }

  /**
   * Sends `<tag> <line>`, followed by ` {n+}` and the literal when one is given, and returns the tagged reply.
   * @param literal - e.g. the message of an APPEND
   */
  async command(line: string, literal?: Buffer): Promise<string> {
    const tag = `t${++this.tags}`;
    const head = literal ? `${tag} ${line} {${literal.length}+}\r\n` : `${tag} ${line}`;
    this.socket.write(Buffer.concat([Buffer.from(head), literal ?? Buffer.alloc(0), Buffer.from('\r\n')]));
    const reply = await this.lineMatching(new RegExp(`^${tag} (OK|NO|BAD)[^\r\n]*`, 'm'));
    if (!reply.startsWith(`${tag} OK`)) throw new Error(`IMAP ${line.split(' ')[0]} refused: ${reply}`);
    return reply;
  }

  /** Logs out and closes the connection. */
  async close(): Promise<void> {
    await this.command('LOGOUT');
    this.socket.end();
  }

  /** Waits for a line matching `pattern`, drops everything received up to its end and returns the line. */
  private async lineMatching(pattern: RegExp): Promise<string> {
    for (;;) {
      const text = this.received.toString('latin1');
      const match = pattern.exec(text);
      if (match) {
        const end = text.indexOf('\r\n', match.index);
        if (end >= 0) {
          this.received = this.received.subarray(end + 2);
          return text.slice(match.index, end);
        }
      }
      if (this.closed) throw new Error(`IMAP connection closed; received ${text}`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
  }
}
