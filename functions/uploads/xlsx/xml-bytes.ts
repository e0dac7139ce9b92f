/**
 * A streaming XML tokenizer over a part's UTF-8 bytes, as they are inflated: start tags
 * with their attributes, end tags, text and CDATA are handed over as byte ranges of the
 * chunk, so nothing is decoded or sliced unless a handler asks for it. A 300,000-row
 * worksheet is ~100 MB of tags around a few digits each; most of it is only stepped over.
 *
 * Why our own and not an npm tokenizer: the reader's speed target (2.5× exceljs's
 * streaming reader) leaves ~2.2 CPU-seconds for a 300,000-row workbook, reading and checks
 * together, and htmlparser2's `Tokenizer` (the fastest of those measured: saxes, saxen,
 * sax-wasm) took ~1.5 s of it alone, on strings it needs the whole part decoded into
 * (bench/README.md has the figures). The property tests hold this one to htmlparser2's
 * events on generated XML.
 *
 * It is strict where a lenient parser would guess: every end tag must close the element
 * open, one root, names and attributes as XML writes them (`name="value"`, no `<` in a
 * value), nesting at most 256 deep, and any declaration (`<!DOCTYPE`, `<!ENTITY`: the door to
 * entity expansion) refused; OOXML never has one. The bytes must be UTF-8: each stretch is
 * checked once, before it is tokenized. A token (tag, text, comment, CDATA) is at most 1 MiB,
 * however the part is chunked, and is kept across chunks until it ends (a value is at most
 * 32,767 characters; only a hostile file has a longer one).
 */
import { isUtf8 } from 'node:buffer';

export class NotWellFormed extends Error {}

export interface XmlByteHandlers {
  /** a start tag; its name, prefix included, is `bytes[start, end)` */
  open(bytes: Buffer, start: number, end: number): void;
  /** an attribute of the start tag just opened; the value as written (see `xmlText`) */
  attribute(bytes: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void;
  /** the start tag is complete (a self-closing one is then closed at once) */
  openEnd(): void;
  /** an end tag, already matched against the element open */
  close(bytes: Buffer, start: number, end: number): void;
  /** character data inside the root: text as written (`literal` false: see `xmlText`) or CDATA */
  text(bytes: Buffer, start: number, end: number, literal: boolean): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const MAX_TOKEN_BYTES = 1 << 20;
const MAX_DEPTH = 256;
/** how much of a chunk is first joined to the token carried over (a tag or a cell's text is far shorter) */
const HEAD_BYTES = 1024;

const COMMENT_OPEN = Buffer.from('<!--');
const COMMENT_CLOSE = Buffer.from('-->');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');
const PI_CLOSE = Buffer.from('?>');

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
/** letters, `_`, `:` and anything beyond ASCII may start a name */
const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
const isNameByte = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

function joined(first: Buffer, second: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(first.length + second.length);
  bytes.set(first, 0);
  bytes.set(second, first.length);
  return bytes;
}

/** Does `bytes` hold `literal` at `at`: yes (1), no (0), or not enough bytes yet to tell (-1)? */
function literalAt(bytes: Buffer, at: number, literal: Buffer): 1 | 0 | -1 {
  for (let i = 0; i < literal.length; i++) {
    if (at + i >= bytes.length) return -1;
    if (bytes[at + i] !== literal[i]) return 0;
  }
  return 1;
}

export class XmlByteScanner {
  /** the unfinished token at the end of the last chunk */
  private carry: Buffer | undefined;
  /** how many bytes at the start of `carry` are already checked as UTF-8 */
  private checked = 0;
  /** when `carry` is text, how many of its bytes are known to hold no `<` */
  private textSearched = 0;
  /** the names of the open elements, end to end, and where each ends */
  private names = Buffer.allocUnsafe(1024);
  private readonly nameEnds: number[] = [];
  private rootSeen = false;
  /** the start tag being read: four offsets per attribute */
  private attributes = new Int32Array(64);

  constructor(private readonly handlers: XmlByteHandlers) {}

  write(chunk: Buffer): void {
    const carry = this.carry;
    if (carry === undefined) {
      this.read(chunk, 0);
      return;
    }
    // The token carried over nearly always ends within the chunk's first bytes: it is joined
    // with those only, and the chunk is read where it lies, not copied behind it.
    if (chunk.length > HEAD_BYTES) {
      const stop = this.read(joined(carry, chunk.subarray(0, HEAD_BYTES)), 0);
      if (stop > 0) {
        // What the head cut short is read again from the chunk (`checked` and `carry` were the head's).
        const start = stop - carry.length;
        this.checked += start;
        this.carry = undefined;
        this.read(chunk, start);
        return;
      }
      // It runs on past the head, which is the prefix of the join below: what was checked and searched holds.
    }
    this.read(joined(carry, chunk), 0);
  }

  /**
   * Checks the bytes as UTF-8, reads the tokens from `start`, and keeps the unfinished one;
   * returns where it starts. `checked` counts from the start of `bytes`.
   */
  private read(bytes: Buffer, start: number): number {
    // Everything up to the last `<` or `>` is checked before it is read: a token ends there
    // or later, and neither byte can sit inside a UTF-8 sequence.
    const lastDelimiter = Math.max(bytes.lastIndexOf(GT), bytes.lastIndexOf(LT));
    if (lastDelimiter >= this.checked && !isUtf8(bytes.subarray(this.checked, lastDelimiter + 1))) throw new NotWellFormed('not UTF-8');
    const checkedTo = Math.max(this.checked, lastDelimiter + 1);
    const stop = this.scan(bytes, start);
    if (stop === bytes.length) {
      this.carry = undefined;
      this.checked = 0;
      return stop;
    }
    if (bytes.length - stop > MAX_TOKEN_BYTES) throw new NotWellFormed('token too long');
    this.carry = bytes.subarray(stop);
    this.checked = Math.max(0, checkedTo - stop);
    return stop;
  }

  end(): void {
    const rest = this.carry;
    // Only text can be left over, and only after the root (a token never finished is not XML).
    if (rest !== undefined && (this.nameEnds.length > 0 || rest.includes(LT) || !isUtf8(rest))) throw new NotWellFormed('unfinished');
    if (!this.rootSeen || this.nameEnds.length > 0) throw new NotWellFormed('unclosed');
  }

  /** Reads every complete token from `start`; returns where the first unfinished one starts. */
  private scan(bytes: Buffer, start: number): number {
    const length = bytes.length;
    let at = start;
    while (at < length) {
      if (bytes[at] !== LT) {
        // a text carried over was already searched as far as it went: not again
        let lt = at === 0 && this.textSearched > 0 ? this.textSearched : at + 1;
        while (lt < length && bytes[lt] !== LT) lt++;
        if (lt === length) {
          this.textSearched = length - at;
          return at;
        }
        this.textSearched = 0;
        if (lt - at > MAX_TOKEN_BYTES) throw new NotWellFormed('token too long');
        if (this.nameEnds.length > 0) this.handlers.text(bytes, at, lt, false);
        at = lt;
        continue;
      }
      const next = at + 1 < length ? bytes[at + 1]! : -1;
      const end =
        next === -1 ? -1 : next === SLASH ? this.endTag(bytes, at) : next === QUESTION ? this.skipPast(bytes, at + 2, PI_CLOSE) : next === BANG ? this.markupDeclaration(bytes, at) : this.startTag(bytes, at);
      if (end < 0) return at;
      // held to the same bound as a token carried across chunks, so the chunking never decides
      if (end - at > MAX_TOKEN_BYTES) throw new NotWellFormed('token too long');
      at = end;
    }
    return at;
  }

  private skipPast(bytes: Buffer, from: number, close: Buffer): number {
    const found = bytes.indexOf(close, from);
    return found < 0 ? -1 : found + close.length;
  }

  /** `<!--`, `<![CDATA[`, or a declaration, which is refused. */
  private markupDeclaration(bytes: Buffer, at: number): number {
    const comment = literalAt(bytes, at, COMMENT_OPEN);
    if (comment === 1) return this.skipPast(bytes, at + COMMENT_OPEN.length, COMMENT_CLOSE);
    const cdata = literalAt(bytes, at, CDATA_OPEN);
    if (cdata === 1) {
      const close = bytes.indexOf(CDATA_CLOSE, at + CDATA_OPEN.length);
      if (close < 0) return -1;
      if (this.nameEnds.length === 0) throw new NotWellFormed('CDATA outside the root');
      this.handlers.text(bytes, at + CDATA_OPEN.length, close, true);
      return close + CDATA_CLOSE.length;
    }
    if (comment === -1 || cdata === -1) return -1;
    throw new NotWellFormed('declaration');
  }

  private endTag(bytes: Buffer, at: number): number {
    const length = bytes.length;
    const start = at + 2;
    let end = start;
    while (end < length && isNameByte(bytes[end]!)) end++;
    let gt = end;
    while (gt < length && isSpace(bytes[gt]!)) gt++;
    if (gt === length) return -1;
    if (bytes[gt] !== GT || end === start) throw new NotWellFormed('end tag');
    this.closeElement(bytes, start, end);
    return gt + 1;
  }

  private closeElement(bytes: Buffer, start: number, end: number): void {
    const depth = this.nameEnds.length;
    if (depth === 0) throw new NotWellFormed('end tag without start');
    const to = this.nameEnds[depth - 1]!;
    const from = depth > 1 ? this.nameEnds[depth - 2]! : 0;
    if (to - from !== end - start) throw new NotWellFormed('end tag');
    for (let i = 0; i < to - from; i++) if (this.names[from + i] !== bytes[start + i]) throw new NotWellFormed('end tag');
    this.nameEnds.pop();
    this.handlers.close(bytes, start, end);
  }

  private startTag(bytes: Buffer, at: number): number {
    const length = bytes.length;
    const nameStart = at + 1;
    if (!isNameStart(bytes[nameStart]!)) throw new NotWellFormed('tag name');
    let i = nameStart + 1;
    while (i < length && isNameByte(bytes[i]!)) i++;
    const nameEnd = i;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      const spaced = i;
      while (i < length && isSpace(bytes[i]!)) i++;
      if (i >= length) return -1;
      const c = bytes[i]!;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= length) return -1;
        if (bytes[i + 1] !== GT) throw new NotWellFormed('start tag');
        i += 2;
        selfClosing = true;
        break;
      }
      if (i === spaced || !isNameStart(c)) throw new NotWellFormed('attribute');
      const attributeStart = i;
      while (i < length && isNameByte(bytes[i]!)) i++;
      const attributeEnd = i;
      while (i < length && isSpace(bytes[i]!)) i++;
      if (i >= length) return -1;
      if (bytes[i] !== EQUALS) throw new NotWellFormed('attribute without value');
      i++;
      while (i < length && isSpace(bytes[i]!)) i++;
      if (i >= length) return -1;
      const quote = bytes[i]!;
      if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) throw new NotWellFormed('attribute value');
      const valueStart = ++i;
      while (i < length && bytes[i] !== quote) {
        if (bytes[i] === LT) throw new NotWellFormed('< in an attribute value');
        i++;
      }
      if (i >= length) return -1;
      if (count * 4 + 4 > this.attributes.length) {
        const grown = new Int32Array(this.attributes.length * 2);
        grown.set(this.attributes);
        this.attributes = grown;
      }
      const offsets = this.attributes;
      offsets[count * 4] = attributeStart;
      offsets[count * 4 + 1] = attributeEnd;
      offsets[count * 4 + 2] = valueStart;
      offsets[count * 4 + 3] = i;
      count++;
      i++;
    }
    this.openElement(bytes, nameStart, nameEnd);
    const offsets = this.attributes;
    for (let a = 0; a < count * 4; a += 4) this.handlers.attribute(bytes, offsets[a]!, offsets[a + 1]!, offsets[a + 2]!, offsets[a + 3]!);
    this.handlers.openEnd();
    if (selfClosing) this.closeElement(bytes, nameStart, nameEnd);
    return i;
  }

  private openElement(bytes: Buffer, start: number, end: number): void {
    const depth = this.nameEnds.length;
    if (depth === 0) {
      if (this.rootSeen) throw new NotWellFormed('second root');
      this.rootSeen = true;
    }
    if (depth >= MAX_DEPTH) throw new NotWellFormed('nested too deep');
    const from = depth > 0 ? this.nameEnds[depth - 1]! : 0;
    if (from + end - start > this.names.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.names.length * 2, from + end - start));
      this.names.copy(grown, 0, 0, from);
      this.names = grown;
    }
    const names = this.names;
    for (let i = start; i < end; i++) names[from + i - start] = bytes[i]!; // names are short: no call into C++
    this.nameEnds.push(from + end - start);
    this.handlers.open(bytes, start, end);
  }
}

/** `Buffer.prototype.utf8Slice`: what `toString('utf8', start, end)` calls; not in Node's typings. */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

/** Text or an attribute value as written, with its entity and character references decoded. */
export function xmlText(bytes: Buffer, start: number, end: number): string {
  // Buffer's own decoder without `toString`'s argument handling: called per cell.
  const text = (bytes as unknown as Utf8Slicer).utf8Slice(start, end);
  return text.includes('&') ? decodeReferences(text) : text;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five XML entities and character references; anything else after `&` is not XML. */
export function decodeReferences(text: string): string {
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0 || semicolon - amp > 10) throw new NotWellFormed('reference');
    out += text.slice(from, amp) + referenceValue(text.slice(amp + 1, semicolon));
    from = semicolon + 1;
  }
  return out + text.slice(from);
}

function referenceValue(name: string): string {
  const named = NAMED[name];
  if (named !== undefined) return named;
  const hex = name.startsWith('#x');
  const digits = hex ? name.slice(2) : name.startsWith('#') ? name.slice(1) : '';
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) throw new NotWellFormed('reference');
  const code = parseInt(digits, hex ? 16 : 10);
  // XML's Char: tab, line feed, carriage return, and the rest above the controls, no surrogates
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new NotWellFormed('reference');
  return String.fromCodePoint(code);
}

/** Where a name's local part starts: after its prefix's colon (`x:row` → `row`), if it has one. */
export function localStart(bytes: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) if (bytes[i] === 0x3a) return i + 1;
  return start;
}

/** Is `bytes[start, end)` the ASCII `name`? */
export function bytesAre(bytes: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The non-negative integer written in ASCII digits at `bytes[start, end)`, or -1 when it is not one. */
export function digitsValue(bytes: Buffer, start: number, end: number): number {
  if (start === end || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]! - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * UTF-16 units of valid UTF-8 bytes: one per sequence, two for the 4-byte ones (beyond
 * U+FFFF). With `references`, -1 when the text has one (`&`) to decode before it counts.
 */
export function utf16Units(bytes: Buffer, start: number, end: number, references = false): number {
  let units = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (references && b === 0x26) return -1;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}
