import type { AuthenticatedUser } from '../core/user-auth';
import type { ImapMailDeps } from './deps';
import { flagsOf } from './flags';
import { encodeValue, formatSequenceSet } from './protocol';
import type { Command, ImapValue } from './protocol/types';
import type { SelectedFolder } from './selected-folder';

/** Gathered responses are written once they reach about this size. */
const FLUSH_BYTES = 64 * 1024;
const SPACE = Buffer.from(' ');
const CRLF = Buffer.from('\r\n');

/** Extensions a client turned on with ENABLE (or, for CONDSTORE, by using it). */
export type Enabled = 'CONDSTORE' | 'QRESYNC' | 'IMAP4REV2' | 'UTF8=ACCEPT';

/** The connection as a session sees it. */
export interface SessionIo {
  /** Writes response bytes; resolves when the socket can take more (back-pressure for big FETCHes). */
  write(data: string | Buffer): Promise<void>;
  /** The next line the client sends that is not a command (SASL responses, IDLE's DONE); undefined once closed. */
  readLine(): Promise<string | undefined>;
  readonly sourceAddress: string;
  /** Whether the connection is encrypted now (implicit TLS, or after STARTTLS). */
  readonly secure: boolean;
}

/**
 * The state command handlers share: the signed-in user, the selected folder, enabled extensions, and how responses
 * are written. Handlers return the tagged response's text; the session writes it.
 */
export class SessionContext {
  user?: AuthenticatedUser;
  selected?: SelectedFolder;
  readonly enabled = new Set<Enabled>();
  /** SEARCHRES: UIDs of the last `SEARCH RETURN (SAVE)`. */
  savedUids: readonly number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    readonly deps: ImapMailDeps,
    readonly io: SessionIo,
  ) {}

  get utf8(): boolean {
    return this.enabled.has('UTF8=ACCEPT');
  }

  get condstore(): boolean {
    return this.enabled.has('CONDSTORE') || this.enabled.has('QRESYNC');
  }

  /** The signed-in user's organization and mailbox (a user's mailbox id is their user id). */
  get mailbox(): { organizationId: string; mailboxId: string } {
    const user = this.user as AuthenticatedUser;
    return { organizationId: user.organizationId, mailboxId: user.userId };
  }

  /**
   * Writes `* <text>` followed by encoded values. Responses are gathered and written in blocks of about 64 KiB (a
   * FETCH of 50,000 flags is a few hundred writes, not 50,000); {@link flush} writes the rest.
   */
  untagged(text: string, ...values: ImapValue[]): Promise<void> {
    const line: Buffer[] = [Buffer.from(`* ${text}`)];
    for (const value of values) line.push(SPACE, encodeValue(value, { utf8: this.utf8 }));
    line.push(CRLF);
    for (const part of line) this.pendingBytes += part.length;
    this.pending.push(...line);
    return this.pendingBytes >= FLUSH_BYTES ? this.flush() : Promise.resolve();
  }

  /** Writes every gathered response (before a tagged completion, a continuation or a wait for the client). */
  flush(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    const block = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return this.io.write(block);
  }

  /** A FETCH response of one message. */
  fetchResponse(sequence: number, items: readonly ImapValue[]): Promise<void> {
    return this.untagged(`${sequence} FETCH`, items);
  }

  /**
   * Syncs the selected folder with the change log and reports what changed: EXPUNGE (or VANISHED with QRESYNC)
   * when `expunges`, EXISTS, and FETCH FLAGS of messages others changed.
   */
  async reportUpdates(expunges: boolean): Promise<void> {
    const selected = this.selected;
    if (!selected) return;
    await selected.sync();
    if (!selected.hasUpdates()) return;
    const updates = selected.takeUpdates(expunges);
    if (updates.expunged.length > 0) {
      if (this.enabled.has('QRESYNC')) await this.untagged(`VANISHED ${formatSequenceSet(updates.expunged)}`);
      else for (const sequence of updates.expungedSequences) await this.untagged(`${sequence} EXPUNGE`);
    }
    if (updates.exists !== undefined) await this.untagged(`${updates.exists} EXISTS`);
    for (const uid of updates.flagged) {
      const sequence = selected.sequenceOf(uid);
      const message = selected.all[sequence - 1];
      await this.fetchResponse(sequence, this.flagItems(message));
    }
  }

  /** `UID u FLAGS (…)` and, with CONDSTORE, `MODSEQ (m)`. */
  flagItems(message: { uid: number; keywords: readonly string[]; modseq: number }): ImapValue[] {
    return [
      { atom: 'UID' },
      message.uid,
      { atom: 'FLAGS' },
      flagsOf(message.keywords).map((flag) => ({ atom: flag })),
      ...(this.condstore ? [{ atom: 'MODSEQ' }, [message.modseq]] : []),
    ];
  }
}

/** The tagged response that completes a command: status, optional response code, human text. */
export interface Completion {
  readonly status: 'OK' | 'NO' | 'BAD';
  /** A response code without brackets, e.g. `TRYCREATE` or `APPENDUID 38505 3955`. */
  readonly code?: string;
  readonly text: string;
}

/** A successful completion. */
export const ok = (text: string, code?: string): Completion => ({
  status: 'OK',
  text,
  ...(code ? { code } : {}),
});
/** A refusal: the command was understood but not done. */
export const no = (text: string, code?: string): Completion => ({
  status: 'NO',
  text,
  ...(code ? { code } : {}),
});
/** A protocol error: the command is not valid here. */
export const bad = (text: string): Completion => ({ status: 'BAD', text });

/** The command of one name (or several), with its fields. */
export type CommandOf<N extends Command['name']> = Command & { readonly name: N };
