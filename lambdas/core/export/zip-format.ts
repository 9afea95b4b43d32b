/**
 * The few zip records a mailbox export writes (PKWARE APPNOTE 6.3.x), by hand: stored (uncompressed) entries with a
 * data descriptor, zip64 sizes and offsets, UTF-8 names.
 *
 * Why not yazl: an export runs over many worker runs and must continue a zip from a checkpoint (bytes already
 * uploaded, central directory records so far). yazl keeps its offset and central directory in private state that
 * cannot be saved or restored, and always starts at offset 0, so it cannot continue a zip another process began.
 * These records are pure functions of their inputs; the writer keeps the offsets and the records in its checkpoint.
 *
 * Stored entries keep each message byte-identical (mail is mostly text already encoded, and the zip is hashed as
 * written). Every local header carries a zip64 extra field, so its data descriptor has 8-byte sizes and no entry
 * needs its size in advance; the central directory uses zip64 fields only where a value does not fit 32 bits.
 */

const VERSION_ZIP64 = 45;
/** Bit 3: sizes and CRC follow in a data descriptor; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const MADE_BY_UNIX = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

/** MS-DOS date and time (local fields, taken in UTC so every worker writes the same bytes). */
export function dosDateTime(epochMs: number): { readonly date: number; readonly time: number } {
  const at = new Date(epochMs);
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

/**
 * The local file header of a stored entry whose sizes and CRC follow in its data descriptor.
 * @example
 * const header = localFileHeader('Inbox/1.eml', Date.now());
 */
export function localFileHeader(name: string, modifiedAtMs: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const { date, time } = dosDateTime(modifiedAtMs);
  const header = Buffer.alloc(30 + nameBytes.length + 20);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_ZIP64, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(0, 14); // CRC: in the data descriptor
  header.writeUInt32LE(MAX32, 18); // sizes: in the zip64 extra field / data descriptor
  header.writeUInt32LE(MAX32, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(20, 28);
  nameBytes.copy(header, 30);
  const extra = 30 + nameBytes.length;
  header.writeUInt16LE(0x0001, extra); // zip64 extended information, sizes 0 here
  header.writeUInt16LE(16, extra + 2);
  return header;
}

/** The zip64 data descriptor that ends an entry: signature, CRC-32 and both sizes (8 bytes each). */
export function dataDescriptor(crc: number, size: number): Buffer {
  const descriptor = Buffer.alloc(24);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeBigUInt64LE(BigInt(size), 8);
  descriptor.writeBigUInt64LE(BigInt(size), 16);
  return descriptor;
}

/** What the central directory says of one entry. */
export interface CentralEntry {
  readonly name: string;
  readonly modifiedAtMs: number;
  readonly crc: number;
  readonly size: number;
  /** Offset of the entry's local header in the zip. */
  readonly offset: number;
}

/** The central directory record of a stored entry, with zip64 fields for the values that do not fit 32 bits. */
export function centralDirectoryRecord(entry: CentralEntry): Buffer {
  const nameBytes = Buffer.from(entry.name, 'utf8');
  const big = entry.size >= MAX32;
  const far = entry.offset >= MAX32;
  const zip64 = [...(big ? [entry.size, entry.size] : []), ...(far ? [entry.offset] : [])];
  const extraLength = zip64.length > 0 ? 4 + 8 * zip64.length : 0;
  const { date, time } = dosDateTime(entry.modifiedAtMs);
  const record = Buffer.alloc(46 + nameBytes.length + extraLength);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(MADE_BY_UNIX, 4);
  record.writeUInt16LE(VERSION_ZIP64, 6);
  record.writeUInt16LE(FLAGS, 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(time, 12);
  record.writeUInt16LE(date, 14);
  record.writeUInt32LE(entry.crc >>> 0, 16);
  record.writeUInt32LE(big ? MAX32 : entry.size, 20);
  record.writeUInt32LE(big ? MAX32 : entry.size, 24);
  record.writeUInt16LE(nameBytes.length, 28);
  record.writeUInt16LE(extraLength, 30);
  // comment length, disk number start, internal attributes: 0
  record.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
  record.writeUInt32LE(far ? MAX32 : entry.offset, 42);
  nameBytes.copy(record, 46);
  if (extraLength > 0) {
    const extra = 46 + nameBytes.length;
    record.writeUInt16LE(0x0001, extra);
    record.writeUInt16LE(8 * zip64.length, extra + 2);
    zip64.forEach((value, index) => record.writeBigUInt64LE(BigInt(value), extra + 4 + 8 * index));
  }
  return record;
}

/**
 * The end of the zip: the end-of-central-directory record, preceded by the zip64 record and locator when the entry
 * count, the directory's size or its offset does not fit the classic fields.
 * @param entries - entries in the zip
 * @param directorySize - bytes of the central directory
 * @param directoryOffset - where the central directory starts
 * @example
 * const end = endOfCentralDirectory(2, 140, 4096);
 */
export function endOfCentralDirectory(
  entries: number,
  directorySize: number,
  directoryOffset: number,
): Buffer {
  const needsZip64 = entries >= MAX16 || directorySize >= MAX32 || directoryOffset >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needsZip64 ? MAX16 : entries, 8);
  end.writeUInt16LE(needsZip64 ? MAX16 : entries, 10);
  end.writeUInt32LE(needsZip64 ? MAX32 : directorySize, 12);
  end.writeUInt32LE(needsZip64 ? MAX32 : directoryOffset, 16);
  if (!needsZip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(MADE_BY_UNIX, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}
