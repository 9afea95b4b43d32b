/**
 * The bytes a client sent that no event has consumed yet, kept as the received chunks (never concatenated as a
 * whole: a flood of commands in one huge chunk is consumed by offsets, and many tiny chunks are not re-joined on
 * every push). Line scanning resumes where the previous scan stopped, so a line arriving byte by byte is scanned
 * once in total.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Index of the head chunk in `chunks` and the offset of the head byte in it. */
  private first = 0;
  private offset = 0;
  private total = 0;
  /** Where the scan for the next LF stopped: chunk index, offset in it, and bytes scanned from the head. */
  private scanChunk = 0;
  private scanOffset = 0;
  private scanned = 0;

  /** Bytes received and not consumed yet. */
  get length(): number {
    return this.total;
  }

  /** Appends a chunk (kept by reference: the caller must not reuse it). */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /**
   * The index (from the head) of the next LF among the first `maxScan` bytes; -1 when none yet and fewer than
   * `maxScan` bytes are buffered (more may come), -2 when `maxScan` bytes were scanned without one.
   */
  indexOfLf(maxScan: number): number {
    while (this.scanned < maxScan && this.scanChunk < this.chunks.length) {
      const chunk = this.chunks[this.scanChunk];
      const end = Math.min(chunk.length, this.scanOffset + (maxScan - this.scanned));
      const at = chunk.subarray(this.scanOffset, end).indexOf(0x0a);
      if (at >= 0) return this.scanned + at;
      this.scanned += end - this.scanOffset;
      if (end < chunk.length) {
        this.scanOffset = end;
      } else {
        this.scanChunk += 1;
        this.scanOffset = 0;
      }
    }
    return this.scanned >= maxScan ? -2 : -1;
  }

  /** Removes and returns the first `count` bytes (a view when they lie in one chunk, else a copy). */
  take(count: number): Buffer {
    const head = this.chunks[this.first];
    if (count === 0) return Buffer.alloc(0);
    if (head.length - this.offset >= count) {
      const bytes = head.subarray(this.offset, this.offset + count);
      this.skip(count);
      return bytes;
    }
    const pieces: Buffer[] = [];
    let left = count;
    while (left > 0) {
      const piece = this.takeSome(left);
      pieces.push(piece);
      left -= piece.length;
    }
    return Buffer.concat(pieces, count);
  }

  /** Removes and returns up to `max` bytes from the head chunk (a view; empty when nothing is buffered). */
  takeSome(max: number): Buffer {
    if (this.total === 0 || max === 0) return Buffer.alloc(0);
    const head = this.chunks[this.first];
    const count = Math.min(max, head.length - this.offset);
    const bytes = head.subarray(this.offset, this.offset + count);
    this.skip(count);
    return bytes;
  }

  /** Drops the first `count` bytes (at most what is buffered). */
  skip(count: number): void {
    let left = Math.min(count, this.total);
    this.total -= left;
    while (left > 0) {
      const available = this.chunks[this.first].length - this.offset;
      if (left < available) {
        this.offset += left;
        left = 0;
      } else {
        left -= available;
        this.first += 1;
        this.offset = 0;
      }
    }
    this.compact();
    this.scanChunk = this.first;
    this.scanOffset = this.offset;
    this.scanned = 0;
  }

  /** Forgets consumed chunks once they are the larger part of the list (amortised O(1) per chunk). */
  private compact(): void {
    if (this.first === this.chunks.length) {
      this.chunks = [];
      this.first = 0;
    } else if (this.first > 32 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
  }
}
