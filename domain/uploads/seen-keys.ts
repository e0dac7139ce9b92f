/**
 * The keys of a uniqueness constraint seen so far (a key: a row's values in the
 * constraint's columns), each with the first row that had it. A long sheet keeps one key
 * per row, so they are kept compactly and off the JavaScript heap: each key encoded as
 * bytes in pages of 1 MiB (never copied as they fill), found through an open-addressing
 * table. 300,000 information-change keys (21 bytes each, 16 of bookkeeping, and a
 * table of 2^19 slots of 8 bytes) take ~15 MB here; as joined strings in a `Map` they
 * took ~31 MB of heap, and the heap's growth around them more.
 *
 * Encoding (one-to-one, so equal bytes mean equal values): two ASCII digits in a row are
 * one byte 0x80 + their value (0–99); another character below U+0080 is itself; any
 * other character is 0xFF and its two UTF-16 bytes; values are separated by 0x00 (text
 * with control characters never gets here: the cell checks refuse it first).
 */
const PAIR = 0x80;
const ESCAPE = 0xff;
const SEPARATOR = 0x00;
const PAGE_BYTES = 1 << 20;
/** per key: page, offset, length, first row */
const FIELDS = 4;
const KEYS_PER_PAGE = 1 << 16;

const isDigit = (c: number) => c >= 48 && c <= 57;

export class SeenKeys {
  private readonly pages: Uint8Array[] = [new Uint8Array(PAGE_BYTES)];
  private pageUsed = 0;
  private readonly keyPages: Int32Array[] = [];
  private count = 0;
  /**
   * Two numbers per slot: key number + 1 (0 where none, so a new table needs no filling)
   * and the key's hash, so that a probe passing other keys' slots never reads their
   * bytes or bookkeeping (each a cache miss on a long sheet). At most three quarters full:
   * with the hashes at hand, a longer probe costs little, and a smaller table fewer misses.
   */
  private slots = new Int32Array(2 << 16);
  /**
   * The key being looked up is encoded where it would be kept, after the last page's keys:
   * a new key is then kept by counting its bytes in, not by copying them.
   */
  private probeLength = 0;

  get size(): number {
    return this.count;
  }

  /**
   * The first row whose values were these; when none was, `row` is recorded as the first
   * and 0 returned.
   */
  firstRowOr(values: readonly string[], row: number): number {
    const hash = this.encode(values);
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = (slots[2 * slot] as number) - 1;
      if (key < 0) {
        slots[2 * slot] = this.add(row) + 1;
        slots[2 * slot + 1] = hash;
        if (this.count * 8 > slots.length * 3) this.growSlots();
        return 0;
      }
      if (slots[2 * slot + 1] !== hash) continue;
      const meta = this.keyPages[key >>> 16] as Int32Array;
      const at = (key & (KEYS_PER_PAGE - 1)) * FIELDS;
      if (this.equalsProbe(meta, at)) return meta[at + 3] as number;
    }
  }

  /** Encodes the values after the last page's keys (a fresh page when they may not fit); returns the FNV-1a hash of the bytes (31 bits). */
  private encode(values: readonly string[]): number {
    let need = values.length;
    for (let v = 0; v < values.length; v++) need += 3 * (values[v] as string).length;
    if (this.pageUsed + need > (this.pages[this.pages.length - 1] as Uint8Array).length) {
      this.pages.push(new Uint8Array(Math.max(PAGE_BYTES, need)));
      this.pageUsed = 0;
    }
    const page = this.pages[this.pages.length - 1] as Uint8Array;
    const start = this.pageUsed;
    let at = start;
    let hash = 0x811c9dc5;
    for (let v = 0; v < values.length; v++) {
      const text = values[v] as string;
      if (v > 0) {
        page[at++] = SEPARATOR;
        hash = Math.imul(hash ^ SEPARATOR, 0x01000193);
      }
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
        if (isDigit(c) && isDigit(next)) {
          const pair = PAIR + (c - 48) * 10 + (next - 48);
          page[at++] = pair;
          hash = Math.imul(hash ^ pair, 0x01000193);
          i++;
        } else if (c < PAIR) {
          page[at++] = c;
          hash = Math.imul(hash ^ c, 0x01000193);
        } else {
          page[at++] = ESCAPE;
          page[at++] = c >> 8;
          page[at++] = c & 0xff;
          hash = Math.imul(Math.imul(Math.imul(hash ^ ESCAPE, 0x01000193) ^ (c >> 8), 0x01000193) ^ (c & 0xff), 0x01000193);
        }
      }
    }
    this.probeLength = at - start;
    return hash & 0x7fffffff;
  }

  private equalsProbe(meta: Int32Array, at: number): boolean {
    const length = meta[at + 2] as number;
    if (length !== this.probeLength) return false;
    const page = this.pages[meta[at] as number] as Uint8Array;
    const offset = meta[at + 1] as number;
    const probe = this.pages[this.pages.length - 1] as Uint8Array;
    const probeAt = this.pageUsed;
    for (let i = 0; i < length; i++) if (page[offset + i] !== probe[probeAt + i]) return false;
    return true;
  }

  /** Keeps the key just encoded (its bytes are in place already), first seen at `row`. */
  private add(row: number): number {
    const pageNo = this.pages.length - 1;
    const offset = this.pageUsed;
    this.pageUsed += this.probeLength;
    const key = this.count++;
    if ((key & (KEYS_PER_PAGE - 1)) === 0) this.keyPages.push(new Int32Array(KEYS_PER_PAGE * FIELDS));
    const meta = this.keyPages[key >>> 16] as Int32Array;
    const at = (key & (KEYS_PER_PAGE - 1)) * FIELDS;
    meta[at] = pageNo;
    meta[at + 1] = offset;
    meta[at + 2] = this.probeLength;
    meta[at + 3] = row;
    return key;
  }

  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >>> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      const hash = old[from + 1] as number;
      let slot = hash & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from] as number;
      slots[2 * slot + 1] = hash;
    }
    this.slots = slots;
  }
}
