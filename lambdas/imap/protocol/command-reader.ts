/**
 * Frames the bytes of an IMAP connection into commands, pull-based: `push()` received bytes, then call `next()`
 * until it returns undefined. The session handles each event (maybe asynchronously) before pulling the next, so
 * pipelined bytes (`IDLE\r\nDONE\r\n` in one chunk) wait in the reader until the session asks for them.
 *
 * Memory is bounded: the non-literal parts of one command are at most `maxLineBytes`, its literals together at
 * most `maxLiteralBytes` (`maxAppendLiteralBytes` for APPEND), and an announced size is only a number until the
 * bytes arrive, so `{2147483648}` allocates nothing. What the client sends beyond the command being framed waits
 * in {@link CommandReader.bufferedBytes}: pause the socket while it is above your threshold and resume once
 * `next()` has drained it (framed parts of the command in progress are not counted, so a large APPEND literal
 * never stalls).
 */
import { HARD_QUOTAS } from '../../core/config/quotas';
import { ByteQueue } from './byte-queue';
import { commandHead, parseCommand } from './command-parser';
import { literalMarker } from './literal-marker';
import { ImapSyntaxError, type FramedLiteral } from './tokenizer';
import type { Command } from './types';

/** What the reader produced; see {@link CommandReader.next}. */
export type ReaderEvent =
  | { readonly type: 'command'; readonly command: Command }
  /** A synchronizing literal was accepted: write `+ Ready` (the client waits for it before sending the bytes). */
  | { readonly type: 'continue' }
  /** The line asked for with `expectLine()` (IDLE's DONE, an AUTHENTICATE response), without CRLF. */
  | { readonly type: 'line'; readonly text: string }
  /** A syntax error; the rest of the command, literals included, is discarded. Answer `<tag> BAD` or `* BAD`. */
  | { readonly type: 'bad'; readonly tag?: string; readonly text: string }
  /** A synchronizing literal over the limit: answer `<tag> NO [TOOBIG]`; the client will not send it. */
  | { readonly type: 'tooBig'; readonly tag: string; readonly text: string }
  /** A non-synchronizing literal over the limit, or a line over the limit: send `* BYE` and close. */
  | { readonly type: 'fatal'; readonly text: string };

/** Limits of a {@link CommandReader}. */
export interface CommandReaderOptions {
  /** The non-literal bytes of one command (CRLFs not counted), and of one `expectLine()` line. @default 65536 */
  readonly maxLineBytes?: number;
  /** The literals of one command other than APPEND, together. @default 65536 */
  readonly maxLiteralBytes?: number;
  /** The literals of one APPEND (all its messages), together. @default 41943040 - the 40 MiB MIME message limit */
  readonly maxAppendLiteralBytes?: number;
}

interface PendingCommand {
  readonly tag?: string;
  /** Why the command will be refused, known from its first line (invalid tag, unknown command). */
  readonly headError?: string;
  readonly literalLimit: number;
  readonly lines: Buffer[];
  readonly literals: FramedLiteral[];
  lineBytes: number;
  literalBytes: number;
}

interface LiteralInProgress {
  remaining: number;
  readonly size: number;
  readonly binary: boolean;
  /** Undefined while discarding the literal of a command already known to be refused. */
  readonly pieces?: Buffer[];
}

/** Frames a client's byte stream into {@link ReaderEvent}s. */
export class CommandReader {
  private readonly queue = new ByteQueue();
  private readonly maxLineBytes: number;
  private readonly maxLiteralBytes: number;
  private readonly maxAppendLiteralBytes: number;
  private utf8 = false;
  private lineWanted = false;
  private failed = false;
  private pending?: PendingCommand;
  private literal?: LiteralInProgress;

  /**
   * @example new CommandReader({ maxLiteralBytes: 8192 })
   * @param options - the limits
   */
  constructor(options: CommandReaderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024;
    this.maxLiteralBytes = options.maxLiteralBytes ?? 64 * 1024;
    this.maxAppendLiteralBytes = options.maxAppendLiteralBytes ?? HARD_QUOTAS.messageMimeBytes;
  }

  /** Bytes received that no event has consumed yet (see the module comment for flow control). */
  get bufferedBytes(): number {
    return this.queue.length;
  }

  /** Appends received bytes; ignored after a fatal event. */
  push(chunk: Buffer): void {
    if (!this.failed) this.queue.push(chunk);
  }

  /** The next event is a plain line (for IDLE's DONE or an AUTHENTICATE continuation), not a command. */
  expectLine(): void {
    this.lineWanted = true;
  }

  /** RFC 6855 UTF8=ACCEPT: mailbox names of later commands are UTF-8 instead of modified UTF-7. */
  enableUtf8(): void {
    this.utf8 = true;
  }

  /** The next complete event, or undefined until more bytes arrive (and forever after a fatal event). */
  next(): ReaderEvent | undefined {
    while (!this.failed) {
      if (this.literal !== undefined) {
        if (!this.readLiteral(this.literal)) return undefined;
        continue;
      }
      const line = this.takeLine(this.maxLineBytes - (this.pending?.lineBytes ?? 0));
      if (line === undefined) return undefined;
      if (line === 'tooLong') return this.fail('Command line too long');
      if (this.lineWanted && this.pending === undefined) {
        this.lineWanted = false;
        return { type: 'line', text: line.toString('utf8') };
      }
      const event = this.onCommandLine(line);
      if (event !== undefined) return event;
    }
    return undefined;
  }

  private onCommandLine(line: Buffer): ReaderEvent | undefined {
    if (this.pending === undefined && line.length === 0) return undefined; // stray CRLF between commands
    const pending = this.pending ?? this.startCommand(line);
    this.pending = pending;
    pending.lineBytes += line.length;
    const marker = literalMarker(line);
    pending.lines.push(marker === undefined ? line : line.subarray(0, marker.start));
    if (marker === undefined) return this.finishCommand(pending);
    if (marker.sync) {
      if (pending.headError !== undefined) return this.dropCommand(pending, pending.headError);
      if (pending.literalBytes + marker.size > pending.literalLimit) {
        this.pending = undefined;
        return { type: 'tooBig', tag: pending.tag as string, text: 'Literal too big' };
      }
    } else if (pending.literalBytes + marker.size > pending.literalLimit) {
      return this.fail('Non-synchronizing literal too big');
    }
    pending.literalBytes += marker.size;
    const keep = pending.headError === undefined;
    this.literal = {
      remaining: marker.size,
      size: marker.size,
      binary: marker.binary,
      pieces: keep ? [] : undefined,
    };
    return marker.sync ? { type: 'continue' } : undefined;
  }

  private startCommand(line: Buffer): PendingCommand {
    const head = commandHead(line);
    const literalLimit = head.name === 'APPEND' ? this.maxAppendLiteralBytes : this.maxLiteralBytes;
    return { ...head, literalLimit, lines: [], literals: [], lineBytes: 0, literalBytes: 0 };
  }

  private finishCommand(pending: PendingCommand): ReaderEvent {
    this.pending = undefined;
    if (pending.headError !== undefined) return this.dropCommand(pending, pending.headError);
    try {
      const command = parseCommand({ lines: pending.lines, literals: pending.literals }, { utf8: this.utf8 });
      return { type: 'command', command };
    } catch (error) {
      if (!(error instanceof ImapSyntaxError)) throw error;
      return { type: 'bad', tag: pending.tag, text: error.message };
    }
  }

  private dropCommand(pending: PendingCommand, text: string): ReaderEvent {
    this.pending = undefined;
    return { type: 'bad', tag: pending.tag, text };
  }

  private readLiteral(literal: LiteralInProgress): boolean {
    while (literal.remaining > 0) {
      const piece = this.queue.takeSome(literal.remaining);
      if (piece.length === 0) return false;
      literal.pieces?.push(piece);
      literal.remaining -= piece.length;
    }
    this.literal = undefined;
    if (literal.pieces !== undefined) {
      // A copy, so the command does not pin the (possibly huge) received chunks.
      this.pending?.literals.push({
        data: Buffer.concat(literal.pieces, literal.size),
        binary: literal.binary,
      });
    }
    return true;
  }

  /** The next line without its line ending (CRLF, or a lone LF), undefined until it is complete. */
  private takeLine(maxContent: number): Buffer | 'tooLong' | undefined {
    const lf = this.queue.indexOfLf(maxContent + 2);
    if (lf === -1) return undefined;
    if (lf === -2) return 'tooLong';
    const withCr = this.queue.take(lf + 1);
    const end = lf > 0 && withCr[lf - 1] === 0x0d ? lf - 1 : lf;
    if (end > maxContent) return 'tooLong';
    return withCr.subarray(0, end);
  }

  private fail(text: string): ReaderEvent {
    this.failed = true;
    this.pending = undefined;
    this.literal = undefined;
    this.queue.skip(this.queue.length);
    return { type: 'fatal', text };
  }
}
