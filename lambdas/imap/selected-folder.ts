import type { FolderMessage, FolderRecord, MessageIndexEntry } from '../core/mailbox';
import { readMessages } from '../core/mailbox/model-reads';
import type { ImapMailDeps } from './deps';
import { sequenceSetHas } from './protocol';
import type { SequenceRange } from './protocol/types';

/** A message as a session sees it: its UID, keywords and change modseq in the selected folder. */
export type ViewMessage = FolderMessage;

/** Messages read per page when a folder is selected. */
const PAGE = 5000;
/** Changes read per step of a sync. */
const CHANGES_PER_READ = 500;
/**
 * Changes re-read after the UID index is listed: the index is eventually consistent, so the latest changes are read
 * again from the (consistent) change log and win over what the listing showed.
 */
const RECONCILE_WINDOW = 100;
/** Change-log entries those modseqs can hold: a commit changes up to six messages. */
const RECONCILE_ENTRIES = 1000;

/** What happened to the selected folder that the client has not been told yet. */
export interface PendingUpdates {
  /** UIDs gone from the folder (moved, destroyed), ascending (for VANISHED). */
  readonly expunged: readonly number[];
  /** Their sequence numbers, highest first: reported in this order, each `* n EXPUNGE` stays right. */
  readonly expungedSequences: readonly number[];
  /** UIDs whose flags changed (their sequence numbers are those after the expunges). */
  readonly flagged: readonly number[];
  /** The message count now, when it differs from what the client knows after the expunges. */
  readonly exists?: number;
}

/**
 * The selected folder of one IMAP session: its messages in UID order (sequence number = index + 1) as of the
 * mailbox modseq `modseq`, kept current from the mailbox's change log — so a sync costs what changed, and several
 * sessions on one mailbox see each other's changes. Messages that left the folder stay (with their sequence numbers)
 * until the session may report their EXPUNGE.
 */
export class SelectedFolder {
  private messages: ViewMessage[] = [];
  private readonly byId = new Map<string, ViewMessage>();
  private readonly gone = new Set<number>();
  private readonly flagged = new Set<number>();
  private reportedExists = 0;
  /** One array per distinct keyword set: most messages share a handful (none, `$seen`, …), so 50,000 need few. */
  private readonly keywordSets = new Map<string, readonly string[]>();

  private constructor(
    private readonly deps: ImapMailDeps,
    readonly organizationId: string,
    readonly mailboxId: string,
    readonly folder: FolderRecord,
    readonly readOnly: boolean,
    /** The mailbox modseq the view reflects (HIGHESTMODSEQ). */
    public modseq: number,
  ) {}

  /**
   * Selects a folder: lists it in UID order from the UID index, then re-reads the latest changes from the change
   * log so that the view is exact as of the mailbox's modseq.
   */
  static async open(
    deps: ImapMailDeps,
    organizationId: string,
    mailboxId: string,
    folder: FolderRecord,
    readOnly: boolean,
  ): Promise<SelectedFolder> {
    const mailbox = await deps.store.getMailbox(organizationId, mailboxId);
    const modseq = mailbox?.modseq ?? 0;
    const view = new SelectedFolder(deps, organizationId, mailboxId, folder, readOnly, modseq);
    let afterUid = 0;
    for (;;) {
      const page = await deps.store.listFolderUids(organizationId, mailboxId, folder.folderId, {
        afterUid,
        limit: PAGE,
      });
      for (const message of page.items) view.put(message);
      if (!page.more || page.items.length === 0) break;
      afterUid = (page.items.at(-1) as ViewMessage).uid;
    }
    await view.reconcile(modseq);
    view.removeGone();
    view.flagged.clear();
    view.reportedExists = view.messages.length;
    return view;
  }

  /**
   * Re-reads, from the strongly consistent store, the messages the change log says changed in the last
   * {@link RECONCILE_WINDOW} modseqs and that the listing shows older than that (or not at all): in the steady state
   * none, so a SELECT costs the listing and one change-log query.
   */
  private async reconcile(modseq: number): Promise<void> {
    const recent = await this.deps.store.changes(
      this.organizationId,
      this.mailboxId,
      'EMAIL',
      Math.max(0, modseq - RECONCILE_WINDOW),
      RECONCILE_ENTRIES,
    );
    const stale: string[] = [];
    for (const entry of recent) {
      if (entry.modseq > modseq) continue;
      const listed = this.byId.get(entry.id);
      if (entry.destroyed) this.leave(entry.id);
      else if (!listed || listed.modseq < entry.modseq) stale.push(entry.id);
    }
    if (stale.length > 0) {
      const { found } = await readMessages(this.deps.store, this.organizationId, this.mailboxId, stale);
      const entries = new Map(found.map((entry) => [entry.messageId, entry]));
      for (const id of stale) this.apply(id, entries.get(id));
    }
    this.modseq = modseq;
  }

  get folderId(): string {
    return this.folder.folderId;
  }

  /** Messages in sequence order, including those whose EXPUNGE is not reported yet. */
  get all(): readonly ViewMessage[] {
    return this.messages;
  }

  get exists(): number {
    return this.messages.length;
  }

  /** The next UID: above every UID the folder has had. */
  get uidNext(): number {
    return Math.max(this.folder.uidNext, (this.messages.at(-1)?.uid ?? 0) + 1);
  }

  /** The 1-based sequence number of a UID, or 0 when it is not in the view. */
  sequenceOf(uid: number): number {
    let low = 0;
    let high = this.messages.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.messages[middle].uid;
      if (found === uid) return middle + 1;
      if (found < uid) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /**
   * UIDs below UIDNEXT that are not in the folder (within `set`, when given), ascending: QRESYNC's
   * `VANISHED (EARLIER)`. That is every UID that ever left the folder, which RFC 7162 §3.2.5.1 allows: the model
   * keeps no per-UID expunge history longer than the change log's.
   */
  vanished(set?: readonly SequenceRange[]): number[] {
    const last = this.uidNext - 1;
    const missing: number[] = [];
    let expected = 1;
    for (const { uid } of [...this.messages, { uid: last + 1 }]) {
      for (let gap = expected; gap < uid && gap <= last; gap++)
        if (!set || sequenceSetHas(set, gap, last)) missing.push(gap);
      expected = uid + 1;
    }
    return missing;
  }

  /** Whether the message left the folder and its EXPUNGE is not reported yet. */
  isGone(uid: number): boolean {
    return this.gone.has(uid);
  }

  /** Reads the changes since the view's modseq and applies them; what the client must be told accumulates. */
  async sync(): Promise<void> {
    for (;;) {
      const result = await this.deps.model.changes(
        this.organizationId,
        this.mailboxId,
        'EMAIL',
        this.modseq,
        CHANGES_PER_READ,
      );
      if (!result.ok) return;
      const { created, updated, destroyed, modseq, hasMore } = result.value;
      for (const id of destroyed) this.leave(id);
      const changed = [...created, ...updated];
      if (changed.length > 0) {
        const { found } = await readMessages(this.deps.store, this.organizationId, this.mailboxId, changed);
        const entries = new Map(found.map((entry) => [entry.messageId, entry]));
        for (const id of changed) this.apply(id, entries.get(id));
      }
      this.modseq = Math.max(this.modseq, modseq);
      if (!hasMore) return;
    }
  }

  /**
   * Takes what the client must now be told. With `expunges: false` (during FETCH, STORE, SEARCH) the EXPUNGEs wait
   * and sequence numbers stay as they are.
   */
  takeUpdates(expunges: boolean): PendingUpdates {
    const expunged = expunges ? [...this.gone].sort((a, b) => a - b) : [];
    const expungedSequences = expunged.map((uid) => this.sequenceOf(uid)).reverse();
    if (expunges) this.removeGone();
    const flagged = [...this.flagged].filter((uid) => !this.gone.has(uid)).sort((a, b) => a - b);
    this.flagged.clear();
    const exists = this.messages.length;
    const known = this.reportedExists - expunged.length;
    this.reportedExists = exists;
    return { expunged, expungedSequences, flagged, ...(exists === known ? {} : { exists }) };
  }

  /** Forgets flag changes of these UIDs: the session has just reported them in its own responses. */
  acknowledge(uids: readonly number[]): void {
    for (const uid of uids) this.flagged.delete(uid);
  }

  /** Whether anything is waiting to be reported. */
  hasUpdates(): boolean {
    return this.gone.size > 0 || this.flagged.size > 0 || this.messages.length !== this.reportedExists;
  }

  private apply(id: string, entry: MessageIndexEntry | undefined): void {
    if (!entry || entry.folder !== this.folder.folderId || entry.uid === 0) {
      this.leave(id);
      return;
    }
    const known = this.byId.get(id);
    if (known && known.uid !== entry.uid) this.leave(id);
    const current = this.byId.get(id);
    if (current) {
      if (current.modseq === entry.modseq && sameKeywords(current.keywords, entry.keywords)) return;
      this.replace(current, entry);
      this.flagged.add(entry.uid);
      return;
    }
    this.put(entry);
  }

  private put(entry: ViewMessage): void {
    const message: ViewMessage = {
      messageId: entry.messageId,
      uid: entry.uid,
      keywords: this.shared(entry.keywords),
      modseq: entry.modseq,
      sizeBytes: entry.sizeBytes,
      receivedAt: entry.receivedAt,
    };
    const last = this.messages.at(-1);
    if (!last || last.uid < message.uid) this.messages.push(message);
    else if (this.sequenceOf(message.uid) === 0) {
      const at = this.messages.findIndex((candidate) => candidate.uid > message.uid);
      this.messages.splice(at, 0, message);
    } else return;
    this.byId.set(message.messageId, message);
  }

  private replace(current: ViewMessage, entry: MessageIndexEntry): void {
    const updated: ViewMessage = { ...current, keywords: this.shared(entry.keywords), modseq: entry.modseq };
    this.messages[this.sequenceOf(current.uid) - 1] = updated;
    this.byId.set(current.messageId, updated);
  }

  private shared(keywords: readonly string[]): readonly string[] {
    const key = keywords.join(' ');
    const known = this.keywordSets.get(key);
    if (known) return known;
    this.keywordSets.set(key, keywords);
    return keywords;
  }

  private leave(id: string): void {
    const known = this.byId.get(id);
    if (!known) return;
    this.byId.delete(id);
    this.gone.add(known.uid);
  }

  private removeGone(): void {
    if (this.gone.size === 0) return;
    this.messages = this.messages.filter((message) => !this.gone.has(message.uid));
    this.gone.clear();
  }
}

function sameKeywords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((keyword, index) => keyword === b[index]);
}
