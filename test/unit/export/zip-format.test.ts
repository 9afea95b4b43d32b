import {
  centralDirectoryRecord,
  dataDescriptor,
  dosDateTime,
  endOfCentralDirectory,
} from '../../../lambdas/core/export/zip-format';

const FOUR_GIB = 2 ** 32;

describe('zip-format', () => {
  it('writes a classic end record while every value fits 32 bits', () => {
    const end = endOfCentralDirectory(3, 150, 4096);

    expect(end).toHaveLength(22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect([end.readUInt16LE(10), end.readUInt32LE(12), end.readUInt32LE(16)]).toEqual([3, 150, 4096]);
  });

  it('adds the zip64 end record and locator past 65,534 entries or a 4 GiB offset', () => {
    for (const [entries, offset] of [
      [70_000, 4096],
      [3, FOUR_GIB + 10],
    ]) {
      const end = endOfCentralDirectory(entries!, 150, offset!);

      expect(end.readUInt32LE(0)).toBe(0x06064b50);
      expect(Number(end.readBigUInt64LE(32))).toBe(entries);
      expect(Number(end.readBigUInt64LE(48))).toBe(offset);
      expect(end.readUInt32LE(56)).toBe(0x07064b50);
      expect(Number(end.readBigUInt64LE(64))).toBe(offset! + 150);
      expect(end.readUInt32LE(76)).toBe(0x06054b50);
      expect(end.readUInt16LE(76 + 10)).toBe(0xffff);
      expect(end.readUInt32LE(76 + 16)).toBe(0xffffffff);
    }
  });

  it('moves an offset past 4 GiB into the zip64 extra field of the central record', () => {
    const near = centralDirectoryRecord({
      name: 'Inbox/1.eml',
      modifiedAtMs: 0,
      crc: 1,
      size: 10,
      offset: 99,
    });
    const far = centralDirectoryRecord({
      name: 'Inbox/1.eml',
      modifiedAtMs: 0,
      crc: 1,
      size: 10,
      offset: FOUR_GIB + 7,
    });

    expect(near.readUInt32LE(42)).toBe(99);
    expect(near.readUInt16LE(30)).toBe(0);
    expect(far.readUInt32LE(42)).toBe(0xffffffff);
    expect(far.readUInt16LE(30)).toBe(12);
    expect(Number(far.readBigUInt64LE(46 + 11 + 4))).toBe(FOUR_GIB + 7);
  });

  it('ends each entry with 8-byte sizes and dates entries in UTC', () => {
    const descriptor = dataDescriptor(0xdeadbeef, FOUR_GIB + 1);

    expect(descriptor.readUInt32LE(4)).toBe(0xdeadbeef);
    expect(Number(descriptor.readBigUInt64LE(16))).toBe(FOUR_GIB + 1);
    expect(dosDateTime(Date.UTC(2026, 2, 1, 23, 59, 58))).toEqual({
      date: (46 << 9) | (3 << 5) | 1,
      time: (23 << 11) | (59 << 5) | 29,
    });
  });
});
