/**
 * Feeds one zipped XML part through htmlparser2's low-level `Tokenizer` in xmlMode: bytes
 * are decoded as UTF-8 across chunk boundaries (invalid UTF-8 refused), and the part's
 * handlers see start tags, attributes, end tags and text as they pass, as plain strings —
 * no attribute object or tag object per element, which is most of what a SAX parser costs
 * on a sheet of millions of cells. Nothing is built in memory here.
 *
 * The tokenizer is lenient, so the structure is checked here: every end tag must close the
 * element open, one root element, nothing left open at the end. OOXML never carries a DTD,
 * so any declaration (`<!DOCTYPE`, `<!ENTITY`, the door to entity expansion) is refused
 * outright; only the five XML entities and character references are decoded.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { OpenedZip } from './zip.js';
import { refusals } from './refusals.js';

export interface XmlHandlers {
  /** a start tag, by local name; its attributes follow, then `openEnd` */
  open(local: string): void;
  /** one attribute of the start tag just opened (its name as written, prefix included) */
  attribute?(name: string, value: string): void;
  openEnd?(local: string): void;
  close(local: string): void;
  /** text (and CDATA), possibly in several pieces */
  text?(text: string): void;
}

/** The tag's name without its namespace prefix (`x:row` → `row`; some writers prefix). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Chunks kept so that a token spanning a chunk boundary can be sliced; a token longer than
 * this (only a hostile file has a tag name or CDATA section of megabytes) is refused rather
 * than kept in memory.
 */
const MAX_KEPT_CHARS = 1 << 20;

class NotWellFormed extends Error {}

/** Tokenizer events (absolute character positions) → handler calls with strings. */
class XmlEvents implements TokenizerCallbacks {
  private chunks: string[] = [];
  private chunksStart = 0; // position of chunks[0]
  private keptChars = 0;
  private readonly open: string[] = [];
  private rootSeen = false;
  private tag = '';
  private attrName = '';
  private attrValue = '';

  constructor(private readonly handlers: XmlHandlers) {}

  add(chunk: string): void {
    this.chunks.push(chunk);
    this.keptChars += chunk.length;
    while (this.keptChars > MAX_KEPT_CHARS && this.chunks.length > 1) this.dropFirst();
  }

  private dropFirst(): void {
    const first = this.chunks.shift() as string;
    this.chunksStart += first.length;
    this.keptChars -= first.length;
  }

  private slice(start: number, end: number): string {
    if (start === end) return '';
    if (start < this.chunksStart) throw new NotWellFormed('token too long');
    while (start - this.chunksStart >= (this.chunks[0] as string).length) this.dropFirst();
    let from = start - this.chunksStart;
    let to = end - this.chunksStart;
    const first = this.chunks[0] as string;
    if (to <= first.length) return first.slice(from, to); // the common case: within one chunk
    let out = '';
    for (const chunk of this.chunks) {
      if (to <= 0) break;
      if (from < chunk.length) out += chunk.slice(Math.max(0, from), Math.min(chunk.length, to));
      from -= chunk.length;
      to -= chunk.length;
    }
    return out;
  }

  onopentagname(start: number, end: number): void {
    if (this.open.length === 0) {
      if (this.rootSeen) throw new NotWellFormed('second root');
      this.rootSeen = true;
    }
    this.tag = localName(this.slice(start, end));
    this.open.push(this.tag);
    this.handlers.open(this.tag);
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.slice(start, end);
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    this.attrValue += this.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    this.handlers.attribute?.(this.attrName, this.attrValue);
  }
  onopentagend(): void {
    this.handlers.openEnd?.(this.tag);
  }
  onselfclosingtag(): void {
    this.handlers.openEnd?.(this.tag);
    this.open.pop();
    this.handlers.close(this.tag);
  }
  onclosetag(start: number, end: number): void {
    const local = localName(this.slice(start, end));
    if (this.open.pop() !== local) throw new NotWellFormed('end tag');
    this.handlers.close(local);
  }
  ontext(start: number, end: number): void {
    if (this.handlers.text && this.open.length > 0) this.handlers.text(this.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    if (this.handlers.text && this.open.length > 0) this.handlers.text(String.fromCodePoint(codepoint));
  }
  /** `endOffset`: how many characters of the closing `]]` lie before `end` */
  oncdata(start: number, end: number, endOffset: number): void {
    if (this.open.length === 0) throw new NotWellFormed('CDATA outside the root');
    this.handlers.text?.(this.slice(start, end - endOffset));
  }
  ondeclaration(): void {
    throw new NotWellFormed('declaration');
  }
  onend(): void {
    if (!this.rootSeen || this.open.length > 0) throw new NotWellFormed('unclosed');
  }
  oncomment(): void {}
  onprocessinginstruction(): void {}
}

export async function readXmlPart(zip: OpenedZip, part: string, handlers: XmlHandlers): Promise<void> {
  const events = new XmlEvents(handlers);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, events);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new NotWellFormed('not UTF-8');
    }
  };
  const feed = (text: string) => {
    if (text.length === 0) return;
    events.add(text);
    tokenizer.write(text);
  };
  try {
    await zip.readPart(part, (chunk) => feed(decode(chunk)));
    feed(decode());
    tokenizer.end();
  } catch (error) {
    // What the handlers throw (a limit, a bad cell) passes as it is.
    throw error instanceof NotWellFormed ? refusals.malformedXml(part) : error;
  }
}

/** A start tag's attributes as an object, for the small parts read once (workbook, styles). */
export function withAttributes(handlers: { open(local: string, attributes: Record<string, string>): void; close(local: string): void }): XmlHandlers {
  let attributes: Record<string, string> = {};
  return {
    open() {
      attributes = {};
    },
    attribute(name, value) {
      attributes[name] = value;
    },
    openEnd(local) {
      handlers.open(local, attributes);
    },
    close: (local) => handlers.close(local),
  };
}
