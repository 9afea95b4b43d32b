import type { IHasher } from 'hash-wasm';

/**
 * The zip as it is written: counts its bytes, hashes them (SHA-384) and gathers them until they make a part. Every
 * byte goes through {@link ZipStream.write}, so the offset, the hash and the parts always agree.
 */
export class ZipStream {
  private chunks: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly hasher: IHasher,
    /** Bytes already in the zip (uploaded parts). */
    public offset: number,
  ) {}

  write(bytes: Buffer): void {
    this.hasher.update(bytes);
    this.chunks.push(bytes);
    this.pendingBytes += bytes.length;
    this.offset += bytes.length;
  }

  /** Bytes written since the last {@link ZipStream.take}. */
  get pending(): number {
    return this.pendingBytes;
  }

  /** The bytes written since the last take, as one part. */
  take(): Buffer {
    const bytes = Buffer.concat(this.chunks, this.pendingBytes);
    this.chunks = [];
    this.pendingBytes = 0;
    return bytes;
  }

  /** The hash state after every byte written so far (hash-wasm `save()`), base64. */
  hashState(): string {
    return Buffer.from(this.hasher.save()).toString('base64');
  }
}
