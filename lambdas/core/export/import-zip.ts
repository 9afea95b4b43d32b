import { createHash } from 'node:crypto';
import type { MailboxModel } from '../mailbox/mailbox-model';
import { storeMessage, type StoreMessageDeps } from '../mailbox/store-message';
import { folderPaths } from './folder-paths';

/** One entry of a zip, as the import reads it (names and sizes from the central directory). */
export interface ZipEntry {
  readonly name: string;
  readonly modifiedAtMs: number;
  readonly sizeBytes: number;
  readonly crc32: number;
  /** The entry's bytes (one message in memory at a time). */
  read(): Promise<Buffer>;
}

/** A zip read entry by entry, in central-directory order (yauzl over ranged reads: never the whole zip at once). */
export interface ZipEntries {
  entries(): AsyncIterable<ZipEntry>;
}

/** What an import needs: the mailbox model (folders) and storing a message. */
export interface MailboxImportDeps {
  readonly model: Pick<MailboxModel, 'folders' | 'createFolder'>;
  readonly store: StoreMessageDeps;
}

/** Counts of one import run. */
export interface MailboxImportResult {
  /** Entries looked at (from `fromEntry` on). */
  readonly entries: number;
  /** Messages stored, or found already stored by an earlier run. */
  readonly messages: number;
  /** Their bytes (the MIME sizes). */
  readonly bytes: number;
  /** Entries that are no `.eml` message, that a folder refused, or that did not fit the quota. */
  readonly skipped: number;
  /** True when `onEntry` asked to stop before the last entry. */
  readonly stopped: boolean;
}

/** Largest message an import stores (SES's limit for inbound mail). */
export const MAX_IMPORT_MESSAGE_BYTES = 40 * 1024 * 1024;

/**
 * Reads a mailbox export back into a mailbox, idempotently. Primary course: 1. take each `<folder path>/<name>.eml`
 * entry in order; 2. find its folder by path (system folders by their names, case-insensitive), creating the user
 * folders that are missing; 3. store the bytes unchanged through `storeMessage` under an id derived from the entry
 * (name, CRC-32, size), so a second run, or a run resumed after a crash, stores nothing twice; 4. report progress
 * after each entry (`onEntry`, with the index of the next entry), so a caller can checkpoint and resume from it.
 * @example
 * const result = await importMailboxZip(deps, { organizationId, mailboxId }, zip);
 */
export async function importMailboxZip(
  deps: MailboxImportDeps,
  mailbox: { readonly organizationId: string; readonly mailboxId: string },
  zip: ZipEntries,
  options: {
    readonly fromEntry?: number;
    /** Called after each entry with the index of the next one; resolving `false` stops the run there. */
    readonly onEntry?: (next: number, counts: { messages: number; bytes: number }) => Promise<boolean | void>;
  } = {},
): Promise<MailboxImportResult> {
  const { organizationId, mailboxId } = mailbox;
  const folders = new FolderResolver(deps.model, organizationId, mailboxId);
  const from = options.fromEntry ?? 0;
  let index = 0;
  let entries = 0;
  let messages = 0;
  let bytes = 0;
  for await (const entry of zip.entries()) {
    if (index++ < from) continue;
    entries += 1;
    const slash = entry.name.lastIndexOf('/');
    const isMessage = entry.name.endsWith('.eml') && slash > 0 && entry.sizeBytes <= MAX_IMPORT_MESSAGE_BYTES;
    const folderId = isMessage ? await folders.resolve(entry.name.slice(0, slash)) : undefined;
    if (folderId) {
      const stored = await storeMessage(deps.store, {
        organizationId,
        mailboxId,
        raw: await entry.read(),
        folder: folderId,
        keywords: [],
        receivedAt: entry.modifiedAtMs,
        messageId: importedMessageId(entry),
      });
      if (stored.ok) {
        messages += 1;
        bytes += entry.sizeBytes;
      }
    }
    if ((await options.onEntry?.(index, { messages, bytes })) === false)
      return { entries, messages, bytes, skipped: entries - messages, stopped: true };
  }
  return { entries, messages, bytes, skipped: entries - messages, stopped: false };
}

/**
 * The id an imported entry is stored under: the same entry (name, CRC-32, size) always gets the same id.
 * @example
 * importedMessageId({ name: 'Inbox/1.eml', crc32: 0x1234, sizeBytes: 42 }); // 'X3f…'
 */
export function importedMessageId(entry: Pick<ZipEntry, 'name' | 'crc32' | 'sizeBytes'>): string {
  const digest = createHash('sha256')
    .update(`${entry.name}\n${entry.crc32}\n${entry.sizeBytes}`)
    .digest('hex');
  return `X${digest.slice(0, 40)}`;
}

/** Folder ids by zip path (as the export names them), creating missing user folders on the way. */
class FolderResolver {
  private paths: Map<string, string> | undefined;

  constructor(
    private readonly model: MailboxImportDeps['model'],
    private readonly organizationId: string,
    private readonly mailboxId: string,
  ) {}

  /** The folder's id, or undefined when the path cannot be a folder (the model refused it). */
  async resolve(path: string): Promise<string | undefined> {
    const known = (await this.known()).get(key(path));
    if (known) return known;
    const slash = path.lastIndexOf('/');
    const parentId = slash < 0 ? undefined : await this.resolve(path.slice(0, slash));
    if (slash >= 0 && !parentId) return undefined;
    const name = path.slice(slash + 1);
    const created = await this.model.createFolder(this.organizationId, this.mailboxId, {
      name,
      ...(parentId ? { parentId } : {}),
    });
    if (created.ok) {
      this.paths!.set(key(path), created.value.folderId);
      return created.value.folderId;
    }
    // Another run created it meanwhile (nameTaken), or the name is not allowed: read the folders again.
    this.paths = undefined;
    return (await this.known()).get(key(path));
  }

  private async known(): Promise<Map<string, string>> {
    if (!this.paths) {
      const folders = await this.model.folders(this.organizationId, this.mailboxId);
      this.paths = new Map([...folderPaths(folders)].map(([folderId, path]) => [key(path), folderId]));
    }
    return this.paths;
  }
}

function key(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
