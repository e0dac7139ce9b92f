/**
 * Reads an uploaded image by range within a fixed byte budget, keeping what it read so a
 * byte is fetched once. On AWS every read is one ranged GET, so the reader also keeps the
 * number of reads low: one read of the head covers a scanner's JPEG or any PNG, and a
 * segment that runs past what was read is hopped over (the next read starts where it
 * ends), never read through.
 */
import type { ByteSource } from '../ports.js';

/** The first read: the header of every PNG, and of most JPEGs with their EXIF block. */
export const headBytes = 16 * 1024;
/** A read past a segment that ran beyond the head: room for the small segments after it. */
export const hopBytes = 4 * 1024;
/** The last bytes, for the end marker (JPEG `FF D9`, PNG `IEND`) that truncation removes. */
export const tailBytes = 64;
/** Never read more than this of one image, whatever its size or metadata. */
export const readBudget = 64 * 1024;

/** Some bytes of the object: `bytes[index]` is the object's byte at the position asked for. */
export interface Bytes {
  readonly bytes: Uint8Array;
  readonly index: number;
}

/** Why bytes could not be had: the object ends first, or the budget would be exceeded. */
export type Shortfall = 'end-of-object' | 'over-budget';

export class BudgetedReader {
  private readonly chunks: { start: number; bytes: Uint8Array }[] = [];
  private spent = 0;
  private count = 0;

  constructor(private readonly source: ByteSource) {}

  get size(): number {
    return this.source.size;
  }
  /** Bytes fetched from the source so far. */
  get bytesRead(): number {
    return this.spent;
  }
  /** Ranged reads made so far. */
  get reads(): number {
    return this.count;
  }

  /** `length` bytes at `position` if already read, else undefined (no read made). */
  cached(position: number, length: number): Bytes | undefined {
    for (const chunk of this.chunks) {
      const index = position - chunk.start;
      if (index >= 0 && index + length <= chunk.bytes.length) return { bytes: chunk.bytes, index };
    }
    return undefined;
  }

  /**
   * `length` bytes at `position`, reading `ahead` bytes from there (at least `length`,
   * trimmed to the budget and the object) when they are not yet read.
   */
  async at(position: number, length: number, ahead = hopBytes): Promise<Bytes | Shortfall> {
    const have = this.cached(position, length);
    if (have) return have;
    if (position + length > this.source.size) return 'end-of-object';
    const room = readBudget - this.spent;
    if (length > room) return 'over-budget';
    const end = Math.min(this.source.size, position + Math.min(Math.max(ahead, length), room));
    const bytes = await this.source.read(position, end);
    this.count += 1;
    this.spent += bytes.length;
    // A source that returns fewer bytes than it declared holds a shorter object than its size says.
    if (bytes.length < length) return 'end-of-object';
    this.chunks.push({ start: position, bytes });
    return { bytes, index: 0 };
  }

  /** The last bytes. Read right after the head, so hops over metadata can never starve it. */
  async tail(): Promise<Bytes | Shortfall> {
    const length = Math.min(tailBytes, this.source.size);
    return this.at(this.source.size - length, length, length);
  }
}
