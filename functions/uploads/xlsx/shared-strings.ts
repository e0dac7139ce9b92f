/**
 * The shared-string table, held compactly: every text UTF-8 encoded end to end in one
 * growing buffer, with their offsets. A sheet refers to its texts by index in any order,
 * so the table must stay in memory; as JavaScript strings 600,000 student and registration
 * numbers took ~46 MB, as bytes they take ~12 MB. A text is decoded when a cell asks for it.
 */
/** `Buffer.prototype.utf8Slice`: what `toString('utf8', start, end)` calls; not in Node's typings. */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

const EARLY = 4096;
const EARLY_LENGTH = 64;

export class SharedStringTable {
  private bytes: Buffer;
  private used = 0;
  private offsets = new Uint32Array(1 << 14);
  private count = 0;
  /**
   * The first 4,096 texts, once decoded. A list repeats a few texts on every row (a
   * standing, an item, a cause), and a writer numbers texts as it first meets them, so the
   * repeated ones come early; these are decoded once rather than per cell. Only these: a
   * cache that also took the later, mostly once-used texts kept them alive past the young
   * generation's collections, and the process grew by 14 MB.
   */
  private readonly early: (string | undefined)[] = new Array<string | undefined>(EARLY).fill(undefined);

  /**
   * `capacity`: bytes to reserve, e.g. the size of the part the texts come from (their UTF-8
   * is never longer than the XML around them). Reserved, not touched: the pages count
   * towards memory only as texts fill them, and the table is not copied as it grows.
   */
  constructor(capacity = 1 << 20) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(text: string): void {
    this.appendText(text);
    this.endText();
  }

  /** Starts the next text afresh (anything written since the last complete one is dropped). */
  beginText(): void {
    this.used = this.offsets[this.count] as number;
  }

  /** Adds to the text being written: UTF-8 bytes as they lie in the part (no references in them). */
  appendBytes(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    // most texts are a few bytes: a loop beats `copy`'s call into C++ for each
    const target = this.bytes;
    let at = this.used;
    if (end - start > 64) target.set(source.subarray(start, end), at);
    else for (let i = start; i < end; i++) target[at++] = source[i] as number;
    this.used += end - start;
  }

  /** Adds to the text being written. */
  appendText(text: string): void {
    this.reserve(3 * text.length); // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.used += this.bytes.write(text, this.used, 'utf8');
  }

  /** The text being written is complete: it is the next entry. */
  endText(): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.count++;
    this.offsets[this.count] = this.used;
  }

  private reserve(need: number): void {
    if (this.used + need <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  /** The text at `index`, or undefined past the end. */
  get(index: number): string | undefined {
    // a whole number only: a fraction would slice between offsets that are not there
    if (!(Number.isInteger(index) && index >= 0 && index < this.count)) return undefined;
    if (index >= EARLY) return this.decode(index);
    const known = this.early[index];
    if (known !== undefined) return known;
    const text = this.decode(index);
    if (text.length <= EARLY_LENGTH) this.early[index] = text; // short ones: at most 4,096 × 64 characters kept
    return text;
  }

  private decode(index: number): string {
    // Buffer's own decoder, without `toString`'s argument handling: a cell asks for its
    // text millions of times on a long sheet, and the wrapper was a third of the cost.
    return (this.bytes as unknown as Utf8Slicer).utf8Slice(this.offsets[index] as number, this.offsets[index + 1] as number);
  }
}
