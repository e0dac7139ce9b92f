/**
 * For the byte tokenizer's tests (xml-bytes.test.ts): well-formed XML documents generated
 * with fast-check, the events our `XmlByteScanner` reports for a document fed in given
 * chunks, and the events htmlparser2's `Tokenizer` (xmlMode, entities decoded) reports for
 * the same document decoded, as the oracle. Both sides report events in one shape: names
 * as written, attribute values and text decoded, adjacent text merged, and text outside
 * the root left out (ours ignores it).
 */
import fc from 'fast-check';
import { Tokenizer } from 'htmlparser2';
import { NotWellFormed, XmlByteScanner, xmlText } from '../../../functions/uploads/xlsx/xml-bytes.js';

export type XmlEvent = readonly ['open', string] | readonly ['attribute', string, string] | readonly ['openEnd'] | readonly ['close', string] | readonly ['text', string];

/** Collects events, merging adjacent text and dropping empty text. */
class EventList {
  readonly events: XmlEvent[] = [];
  push(event: XmlEvent): void {
    this.events.push(event);
  }
  text(text: string): void {
    if (text === '') return;
    const last = this.events[this.events.length - 1];
    if (last?.[0] === 'text') this.events[this.events.length - 1] = ['text', last[1] + text];
    else this.events.push(['text', text]);
  }
}

export interface ScanOutcome {
  readonly accepted: boolean;
  /** the events reported, up to the refusal when refused */
  readonly events: readonly XmlEvent[];
}

/** Our scanner over `bytes` cut at `cuts` (positions, any order, duplicates ignored). */
export function scanInChunks(bytes: Buffer, cuts: readonly number[] = []): ScanOutcome {
  const list = new EventList();
  const scanner = new XmlByteScanner({
    open: (b, start, end) => list.push(['open', b.toString('utf8', start, end)]),
    attribute: (b, ns, ne, vs, ve) => list.push(['attribute', b.toString('utf8', ns, ne), xmlText(b, vs, ve)]),
    openEnd: () => list.push(['openEnd']),
    close: (b, start, end) => list.push(['close', b.toString('utf8', start, end)]),
    text: (b, start, end, literal) => list.text(literal ? b.toString('utf8', start, end) : xmlText(b, start, end)),
  });
  const positions = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  try {
    let from = 0;
    for (const cut of [...positions, bytes.length]) {
      scanner.write(bytes.subarray(from, cut));
      from = cut;
    }
    scanner.end();
    return { accepted: true, events: list.events };
  } catch (error) {
    if (error instanceof NotWellFormed) return { accepted: false, events: list.events };
    throw error;
  }
}

export const everyByte = (bytes: Buffer): number[] => Array.from({ length: bytes.length }, (_, i) => i);

/** htmlparser2's events for the whole document at once (positions then index `xml` itself). */
export function oracleEvents(xml: string): XmlEvent[] {
  const list = new EventList();
  const open: string[] = [];
  let tag = '';
  let attributeName = '';
  let attributeValue = '';
  const inRoot = () => open.length > 0;
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = xml.slice(start, end);
        open.push(tag);
        list.push(['open', tag]);
      },
      onattribname(start, end) {
        attributeName = xml.slice(start, end);
        attributeValue = '';
      },
      onattribdata(start, end) {
        attributeValue += xml.slice(start, end);
      },
      onattribentity(codepoint) {
        attributeValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        list.push(['attribute', attributeName, attributeValue]);
      },
      onopentagend() {
        list.push(['openEnd']);
      },
      onselfclosingtag() {
        list.push(['openEnd']);
        list.push(['close', open.pop() as string]);
      },
      onclosetag(start, end) {
        open.pop();
        list.push(['close', xml.slice(start, end)]);
      },
      ontext(start, end) {
        if (inRoot()) list.text(xml.slice(start, end));
      },
      ontextentity(codepoint) {
        if (inRoot()) list.text(String.fromCodePoint(codepoint));
      },
      // `endOffset`: how many characters of the closing `]]` lie before `end`
      oncdata(start, end, endOffset) {
        if (inRoot()) list.text(xml.slice(start, end - endOffset));
      },
      oncomment() {},
      onprocessinginstruction() {},
      ondeclaration() {
        throw new Error('the generator writes no declaration');
      },
      onend() {},
    },
  );
  tokenizer.write(xml);
  tokenizer.end();
  return list.events;
}

// ---- the documents -------------------------------------------------------------------

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const joined = (piece: fc.Arbitrary<string>, maxLength: number) => fc.array(piece, { maxLength }).map((pieces) => pieces.join(''));

/** Some names in CJK, some with a prefix: a name is bytes to compare, not ASCII. */
const localName = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9._-]{0,5}$/), pick('学生', '姓名', 'données', 'row', 'c', 'v', 't'));
const elementName = fc.tuple(fc.option(pick('x', 'r', 'mc', '名'), { nil: undefined }), localName).map(([prefix, local]) => (prefix ? `${prefix}:${local}` : local));
/** at least one white-space character, as XML allows between attributes */
const space = joined(pick(' ', '\n', '\t', '\r\n'), 3).map((s) => ` ${s}`);
const optionalSpace = joined(pick(' ', '\n', '\t'), 2);

/**
 * A code point XML allows and htmlparser2 passes as it is (its HTML table turns 0x80–0x9F
 * into Windows-1252 characters, which XML does not): ASCII, CJK, the 4-byte planes, tab,
 * line feed and carriage return.
 */
const codePoint = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0xa0, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xfffd }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
  pick(0x9, 0xa, 0xd, 0x4e2d, 0x1f600),
);
/**
 * Decimal or hex (either case), with at most one leading zero: our decoder bounds a reference
 * at 7 decimal or 6 hex digits (no writer pads further), where XML sets no bound.
 */
const characterReference = fc.tuple(codePoint, fc.boolean(), fc.boolean(), fc.boolean()).map(([cp, hex, upper, zero]) => {
  const digits = hex ? cp.toString(16) : String(cp);
  const padded = zero && digits.length < (hex ? 6 : 7) ? `0${digits}` : digits;
  return hex ? `&#x${upper ? padded.toUpperCase() : padded};` : `&#${padded};`;
});
const entity = pick('&amp;', '&lt;', '&gt;', '&quot;', '&apos;');
/** characters that stand for themselves in text (no `<`, `&`, nor `]` that could begin `]]>`) */
const plainCharacter = pick('a', 'Z', '0', ' ', '\n', '\t', '>', '"', "'", '=', '/', '?', '!', '-', '学', '号', '张', 'é', '😀', '𠀀');

const text = joined(fc.oneof({ weight: 4, arbitrary: plainCharacter }, { weight: 1, arbitrary: entity }, { weight: 1, arbitrary: characterReference }), 8);
/** literal line breaks and tabs are left out of values: XML would turn them into spaces, and neither tokenizer does */
const attributeValue = (quote: '"' | "'") =>
  joined(fc.oneof(plainCharacter.filter((c) => c !== quote && c !== '\n' && c !== '\t'), entity, characterReference), 6);
const attribute = fc
  .tuple(fc.oneof(localName, pick('xml:space', 'r:id', 'x:名')), space, optionalSpace, optionalSpace, pick('"' as const, "'" as const))
  .chain(([name, before, aroundLeft, aroundRight, quote]) =>
    attributeValue(quote).map((value) => ({ name, written: `${before}${name}${aroundLeft}=${aroundRight}${quote}${value}${quote}` })),
  );
const attributes = fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => a.name }).map((list) => list.map((a) => a.written).join(''));

/** any characters but the closing `]]>`; one may end in `]`, which `]]]>` then tests */
const cdata = joined(fc.oneof(plainCharacter, pick('<', '&', ']', '&amp;', '<![CDATA[')), 6)
  .filter((s) => !s.includes(']]>'))
  .map((s) => `<![CDATA[${s}]]>`);
/** no `--` inside and no `-` at the end, as XML requires */
const comment = joined(fc.oneof(plainCharacter.filter((c) => c !== '-'), pick('-a', '<', '&', '<!', '>')), 5).map((s) => `<!--${s}-->`);
const processingInstruction = fc
  .tuple(fc.stringMatching(/^[a-wyzA-WYZ][a-z0-9-]{0,4}$/), joined(fc.oneof(plainCharacter.filter((c) => c !== '?'), pick('<', '&')), 5))
  .map(([target, data]) => `<?${target}${data === '' ? '' : ` ${data}`}?>`);
const misc = fc.oneof(comment, processingInstruction, pick(' ', '\n', '\r\n'));

const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
  element: fc
    .tuple(elementName, attributes, optionalSpace, fc.boolean(), fc.array(tie('node'), { maxLength: 4 }), optionalSpace)
    .map(([name, attrs, beforeClose, selfClosing, children, endSpace]) =>
      selfClosing && children.length === 0 ? `<${name}${attrs}${beforeClose}/>` : `<${name}${attrs}${beforeClose}>${children.join('')}</${name}${endSpace}>`,
    ),
  node: fc.oneof({ maxDepth: 5, depthIdentifier: 'xml' }, text, cdata, comment, processingInstruction, tie('element')),
}));

/** One root, with an optional declaration and comments, PIs and white space around it. */
export const wellFormedDocument = fc
  .tuple(fc.boolean(), fc.array(misc, { maxLength: 3 }), element, fc.array(misc, { maxLength: 3 }))
  .map(([declared, before, root, after]) => `${declared ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ''}${before.join('')}${root}${after.join('')}`);

const CONSTRUCTS = ['<![CDATA[', '<!--', ']]>', '-->', '="', "='", '<?', '?>', '</'].map((s) => Buffer.from(s));

/**
 * Cuts inside every multi-byte character and every CDATA, comment, PI and end-tag opener
 * or closer, and just after each attribute value's quote: the places a token must be
 * carried into the next chunk.
 */
export function awkwardCuts(bytes: Buffer): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) === 0x80) cuts.push(i);
  for (const construct of CONSTRUCTS) {
    for (let at = bytes.indexOf(construct); at >= 0; at = bytes.indexOf(construct, at + 1)) cuts.push(at + 1, at + construct.length - 1, at + construct.length + 1);
  }
  return cuts;
}

/** Random cuts: a few positions as fractions of the length, so they shrink well. */
export const randomCuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
export const cutsAt = (bytes: Buffer, fractions: readonly number[]) => fractions.map((f) => Math.floor(f * bytes.length));
