import { connect, type Socket } from 'node:net';

/**
 * A raw SMTP client for tests that need the exact replies or must stream more data than they could hold: one
 * command at a time, each answered by one (possibly multi-line) reply.
 * @example
 * const smtp = await SmtpDialog.open('127.0.0.1', port);
 * await smtp.command('EHLO client.example'); // '250-…'
 */
export class SmtpDialog {
  private received = '';
  private waiting?: () => void;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      this.received += text;
      this.waiting?.();
    });
  }

  /** Connects and reads the greeting. */
  static async open(host: string, port: number): Promise<SmtpDialog> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const dialog = new SmtpDialog(socket);
    await dialog.reply();
    return dialog;
  }

  /** Sends one command line and returns its reply (lines joined with CRLF). */
  async command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /**
   * After `DATA` was answered with 354: writes `chunk` again and again until `totalBytes` are sent, waiting for the
   * socket to drain (the test holds one chunk, never the message), then ends the data and returns the reply.
   */
  async streamData(totalBytes: number, chunk: Buffer): Promise<string> {
    for (let sent = 0; sent < totalBytes; sent += chunk.length) {
      if (!this.socket.write(chunk)) await new Promise((resolve) => this.socket.once('drain', resolve));
    }
    this.socket.write('\r\n.\r\n');
    return this.reply();
  }

  /** Sends QUIT and closes the connection. */
  async close(): Promise<void> {
    this.socket.end('QUIT\r\n');
    await new Promise((resolve) => this.socket.once('close', resolve));
  }

  /** Waits for a complete reply: lines up to one whose code is followed by a space. */
  private async reply(): Promise<string> {
    for (;;) {
      const end = /^\d{3} [^\r\n]*\r\n/m.exec(this.received);
      if (end) {
        const reply = this.received.slice(0, end.index + end[0].length);
        this.received = this.received.slice(reply.length);
        return reply.trimEnd();
      }
      await new Promise<void>((resolve, reject) => {
        this.waiting = resolve;
        this.socket.once('close', () => reject(new Error(`connection closed; received ${this.received}`)));
      });
      this.waiting = undefined;
    }
  }
}
