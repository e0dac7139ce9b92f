/**
 * Feeds one zipped XML part through our byte tokenizer (`xml-bytes.ts`) as it is inflated.
 * The parts that grow with the sheet (the worksheet, the shared strings) take the byte
 * ranges as they come (`scanXmlPart`); the small ones read once (workbook, relationships,
 * styles) see names, attribute values and text as strings (`readXmlPart`). A part that is
 * not well-formed XML is refused by name; what a handler throws (a limit, a bad cell)
 * passes as it is.
 */
import type { OpenedZip } from './zip.js';
import { refusals } from './refusals.js';
import { NotWellFormed, XmlByteScanner, xmlText, type XmlByteHandlers } from './xml-bytes.js';

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

export async function scanXmlPart(zip: OpenedZip, part: string, handlers: XmlByteHandlers): Promise<void> {
  const scanner = new XmlByteScanner(handlers);
  try {
    await zip.readPart(part, (chunk) => scanner.write(chunk));
    scanner.end();
  } catch (error) {
    throw error instanceof NotWellFormed ? refusals.malformedXml(part) : error;
  }
}

/** Byte ranges → strings, for the small parts. */
class AsStrings implements XmlByteHandlers {
  private tag = '';
  constructor(private readonly handlers: XmlHandlers) {}

  open(bytes: Buffer, start: number, end: number): void {
    this.tag = localName(bytes.toString('utf8', start, end));
    this.handlers.open(this.tag);
  }
  attribute(bytes: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    this.handlers.attribute?.(bytes.toString('utf8', nameStart, nameEnd), xmlText(bytes, valueStart, valueEnd));
  }
  openEnd(): void {
    this.handlers.openEnd?.(this.tag);
  }
  close(bytes: Buffer, start: number, end: number): void {
    this.handlers.close(localName(bytes.toString('utf8', start, end)));
  }
  text(bytes: Buffer, start: number, end: number, literal: boolean): void {
    this.handlers.text?.(literal ? bytes.toString('utf8', start, end) : xmlText(bytes, start, end));
  }
}

export function readXmlPart(zip: OpenedZip, part: string, handlers: XmlHandlers): Promise<void> {
  return scanXmlPart(zip, part, new AsStrings(handlers));
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
