/**
 * Feeds one zipped XML part through saxes, a streaming, well-formedness-checking XML
 * tokenizer: bytes are decoded as UTF-8 across chunk boundaries, and the part's handlers
 * see tags and text as they pass. Nothing is built in memory here. OOXML never carries a
 * DTD, so a DOCTYPE (the door to entity expansion) is refused outright; saxes itself
 * expands no external or user-declared entities.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { OpenedZip } from './zip.js';
import { refusals } from './refusals.js';

class HandlerError extends Error {
  constructor(readonly original: unknown) {
    super('handler failed');
  }
}

export interface XmlHandlers {
  open(local: string, attributes: Record<string, string>): void;
  close(local: string): void;
  text?(text: string): void;
}

/** The tag's name without its namespace prefix (`x:row` → `row`; some writers prefix). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export async function readXmlPart(zip: OpenedZip, part: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  // saxes throws its own errors for XML that is not well-formed; what the handlers throw
  // (a limit, a reader's own failure) is kept apart so that it is not mistaken for one.
  // One-argument wrappers: a rest-parameter wrapper would allocate on every tag.
  const own = <T>(handler: (arg: T) => void) => (arg: T) => {
    try {
      handler(arg);
    } catch (error) {
      throw new HandlerError(error);
    }
  };
  parser.on('doctype', () => {
    throw new HandlerError(refusals.malformedXml(part));
  });
  parser.on('opentag', own((tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>)));
  parser.on('closetag', own((tag: SaxesTagPlain) => handlers.close(localName(tag.name))));
  if (handlers.text) {
    const text = own(handlers.text);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const guard = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (error instanceof HandlerError) throw error.original;
      throw refusals.malformedXml(part);
    }
  };
  await zip.readPart(part, (chunk) => guard(() => parser.write(decoder.decode(chunk, { stream: true }))));
  guard(() => {
    parser.write(decoder.decode());
    parser.close();
  });
}
