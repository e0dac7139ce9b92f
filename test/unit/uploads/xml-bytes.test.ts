/**
 * The byte tokenizer of the spreadsheet reader (functions/uploads/xlsx/xml-bytes.ts), held
 * to htmlparser2's events on generated documents, to the same answer whatever the chunking,
 * to each refusal its header promises, and its byte helpers to hand-counted figures. The
 * reader on its byte ranges (shared strings, cell values) is xml-bytes-reader.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NotWellFormed,
  XmlByteScanner,
  bytesAre,
  decodeReferences,
  digitsValue,
  localStart,
  utf16Units,
  xmlText,
} from '../../../functions/uploads/xlsx/xml-bytes.js';
import { awkwardCuts, cutsAt, everyByte, oracleEvents, randomCuts, scanInChunks, wellFormedDocument, type ScanOutcome } from './xml-documents.js';

describe('XML-BYTES-ORACLE: on well-formed documents our events are htmlparser2 Tokenizer\'s, however the bytes are cut', () => {
  it('in one chunk, byte by byte, cut at random and cut inside every multi-byte character and markup opener', () => {
    fc.assert(
      fc.property(wellFormedDocument, randomCuts, (xml, fractions) => {
        const bytes = Buffer.from(xml, 'utf8');
        const expected = oracleEvents(xml);
        for (const cuts of [[], everyByte(bytes), cutsAt(bytes, fractions), awkwardCuts(bytes)]) {
          expect(scanInChunks(bytes, cuts)).toEqual({ accepted: true, events: expected });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('XML-BYTES-ORACLE: past the scanner\'s first buffers', () => {
  it('a start tag of 100 attributes (its offsets start with room for 16) and 250 nested 20-byte names (5,000 bytes; its name buffer starts at 1,024)', () => {
    const attributes = Array.from({ length: 100 }, (_, i) => ` a${i}="${i}&amp;学"`).join('');
    const names = Array.from({ length: 250 }, (_, i) => `x:element-${String(i).padStart(10, '0')}`); // 10 + 10 = 20 bytes each: 5,000 in all
    const xml = `<root${attributes}>${names.map((n) => `<${n} k='v'>`).join('')}text${[...names].reverse().map((n) => `</${n}>`).join('')}</root>`;
    const bytes = Buffer.from(xml, 'utf8');
    const expected = oracleEvents(xml);
    expect(expected.filter((e) => e[0] === 'attribute')).toHaveLength(100 + 250);
    expect(scanInChunks(bytes)).toEqual({ accepted: true, events: expected });
    expect(scanInChunks(bytes, cutsAt(bytes, [0.1, 0.3, 0.5, 0.7, 0.9]))).toEqual({ accepted: true, events: expected });
  });
});

/** A well-formed document with one byte deleted or inserted, or one tag (or comment, PI) written twice. */
const mutatedDocument = fc
  .tuple(wellFormedDocument, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('delete', 'insert', 'duplicate-tag', 'none'))
  .map(([xml, where, byte, how]) => {
    const bytes = Buffer.from(xml, 'utf8');
    const at = where % (bytes.length + 1);
    if (how === 'delete') return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    if (how === 'insert') return Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
    if (how === 'none') return bytes;
    const lt = bytes.indexOf('<', at) >= 0 ? bytes.indexOf('<', at) : bytes.indexOf('<');
    const gt = bytes.indexOf('>', lt);
    return Buffer.concat([bytes.subarray(0, gt + 1), bytes.subarray(lt, gt + 1), bytes.subarray(gt + 1)]);
  });

/** Of two refusals, the events reported before each: one list begins the other. */
function oneBeginsTheOther(a: ScanOutcome, b: ScanOutcome): boolean {
  const [shorter, longer] = a.events.length <= b.events.length ? [a.events, b.events] : [b.events, a.events];
  return JSON.stringify(shorter) === JSON.stringify(longer.slice(0, shorter.length));
}

describe('XML-BYTES-CHUNKING: any document, well-formed or not, gets one answer whatever the chunking', () => {
  it('accepted with the same events, or refused (the events before the refusal one the beginning of the other)', () => {
    fc.assert(
      fc.property(mutatedDocument, randomCuts, (bytes, fractions) => {
        const whole = scanInChunks(bytes);
        for (const cuts of [everyByte(bytes), cutsAt(bytes, fractions), awkwardCuts(bytes)]) {
          const chunked = scanInChunks(bytes, cuts);
          expect(chunked.accepted).toBe(whole.accepted);
          if (whole.accepted) expect(chunked.events).toEqual(whole.events);
          else expect(oneBeginsTheOther(chunked, whole)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

const bytesOf = (xml: string | Buffer) => (typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);

/** Accepted or refused, in one chunk; byte by byte must give the same answer. */
function answer(xml: string | Buffer): 'accepted' | 'refused' {
  const bytes = bytesOf(xml);
  const whole = scanInChunks(bytes).accepted;
  expect(scanInChunks(bytes, everyByte(bytes)).accepted, 'byte by byte').toBe(whole);
  return whole ? 'accepted' : 'refused';
}

/** Every way of cutting the document in two. */
const everyCutInTwo = (xml: string | Buffer) => everyByte(bytesOf(xml)).map((cut) => scanInChunks(bytesOf(xml), [cut]).accepted);

describe('XML-BYTES-REFUSALS: what is not XML as OOXML writes it is refused (in one chunk and byte by byte alike)', () => {
  it('XML-BYTES-NO-DECLARATION: <!DOCTYPE, <!ENTITY and any other declaration are refused before, inside and after the root, cut anywhere', () => {
    for (const xml of ['<!DOCTYPE a><a/>', '<a><!DOCTYPE a></a>', '<a/><!DOCTYPE a>', '<!ENTITY x "y"><a/>', '<a><!ENTITY x "y"></a>', '<!doctype a><a/>', '<a><!ELEMENT a ANY></a>', '<a><!ATTLIST a b CDATA "c"></a>']) {
      expect(answer(xml), xml).toBe('refused');
    }
    expect(everyCutInTwo('<a><!DOCTYPE a [<!ENTITY x "yyyy">]>&x;</a>').every((accepted) => !accepted)).toBe(true);
    expect(everyCutInTwo('<a>x<!ENTITY x "y"></a>').every((accepted) => !accepted)).toBe(true);
    // the words alone are not refused: in a comment, CDATA or text they are characters
    expect(answer('<a><!-- <!DOCTYPE a> --><![CDATA[<!ENTITY x "y">]]>DOCTYPE</a>')).toBe('accepted');
  });

  it('XML-BYTES-END-TAG-MATCHES: an end tag must close the element open, prefix and case included', () => {
    for (const xml of ['<a><b></a></b>', '<ab></a>', '<a></ab>', '<x:a></a>', '<a></x:a>', '<a></A>', '<学生></学号>', '</a>', '<a></a></a>', '<a></ a>', '<a></>']) {
      expect(answer(xml), xml).toBe('refused');
    }
    expect(answer('<x:a><学生></学生 ></x:a\n>')).toBe('accepted');
  });

  it('XML-BYTES-ONE-ROOT: a second root element is refused; comments, PIs and white space may follow the root', () => {
    expect(answer('<a/><b/>')).toBe('refused');
    expect(answer('<a></a><a></a>')).toBe('refused');
    expect(answer('<a/><!-- c --><?pi x?> \n')).toBe('accepted');
  });

  it('XML-BYTES-CDATA-IN-ROOT: CDATA outside the root is refused, while text there is passed over unreported', () => {
    expect(answer('<![CDATA[x]]><a/>')).toBe('refused');
    expect(answer('<a/><![CDATA[x]]>')).toBe('refused');
    expect(scanInChunks(bytesOf('x<a><![CDATA[y]]></a>z'))).toEqual({ accepted: true, events: [['open', 'a'], ['openEnd'], ['text', 'y'], ['close', 'a']] });
  });

  it('XML-BYTES-ATTRIBUTE-SYNTAX: `name="value"` with a quote either side, no `<` in the value, a space before each attribute', () => {
    for (const xml of ['<a x="1<2"/>', "<a x='<'/>", '<a x=1/>', '<a x/>', '<a x "1"/>', '<a x="1"y="2"/>', '<a x="1\'/>', '<a ="1"/>', '<a x="1"/ >']) {
      expect(answer(xml), xml).toBe('refused');
    }
    expect(scanInChunks(bytesOf(`<a x = '1>"2' \n y\t=\t"'"/>`)).events).toEqual([['open', 'a'], ['attribute', 'x', '1>"2'], ['attribute', 'y', "'"], ['openEnd'], ['close', 'a']]);
  });

  it('XML-BYTES-REFERENCES: only the five entities and character references of XML characters; &nbsp;, a bare &, &#0;, a surrogate and beyond U+10FFFF are refused where decoded', () => {
    for (const reference of ['&nbsp;', '&', '& ', '&amp', '&#0;', '&#xD800;', '&#xDFFF;', '&#x110000;', '&#1114112;', '&#X41;', '&#x;', '&#;', '&#xFFFE;', '&#8;']) {
      expect(() => decodeReferences(`a${reference}b`), reference).toThrow(NotWellFormed);
      expect(answer(`<a>${reference}</a>`), `text ${reference}`).toBe('refused');
      expect(answer(`<a x="${reference}"/>`), `value ${reference}`).toBe('refused');
    }
    // By hand: 0x4E2D = 4·4096 + 14·256 + 2·16 + 13 = 20013, both 中; 0x10FFFF is the last
    // code point, U+D7FF the last before the surrogates, tab, line feed and carriage return the
    // only controls XML allows.
    expect(decodeReferences('&lt;&gt;&amp;&quot;&apos;&#x4E2D;&#20013;&#x1F600;')).toBe('<>&"\'中中😀');
    expect(decodeReferences('&#x10FFFF;&#xD7FF;&#xE000;&#9;&#10;&#13;')).toBe('\u{10FFFF}\uD7FF\uE000\t\n\r');
    expect(xmlText(bytesOf('  &amp;amp; 学 '), 2, 15)).toBe('&amp; 学'); // bytes 2–14: "&amp;amp; " (10) and 学 (3)
  });

  it('XML-BYTES-UTF8: a lone continuation byte, overlong forms, an encoded surrogate and a sequence cut off at the end are refused', () => {
    const wrap = (...inner: number[]) => Buffer.concat([bytesOf('<a>'), Buffer.from(inner), bytesOf('</a>')]);
    expect(answer(wrap(0x80))).toBe('refused'); // a continuation byte with no lead
    expect(answer(wrap(0xc0, 0xaf))).toBe('refused'); // "/" in two bytes
    expect(answer(wrap(0xe0, 0x80, 0xaf))).toBe('refused'); // "/" in three
    expect(answer(wrap(0xed, 0xa0, 0x80))).toBe('refused'); // U+D800
    expect(answer(wrap(0xf4, 0x90, 0x80, 0x80))).toBe('refused'); // U+110000
    expect(answer(wrap(0xe4, 0xb8))).toBe('refused'); // 中 without its last byte, before "</a>"
    expect(answer(Buffer.concat([bytesOf('<a/>'), Buffer.from([0xe4, 0xb8])]))).toBe('refused'); // ... at the very end
    expect(answer(Buffer.concat([bytesOf('<a x="'), Buffer.from([0xff]), bytesOf('"/>')]))).toBe('refused'); // in a value
    expect(answer(Buffer.concat([bytesOf('<a'), Buffer.from([0xc3]), bytesOf('/>')]))).toBe('refused'); // in a name
  });

  it('XML-BYTES-UTF8-ACROSS-CHUNKS: 中 (E4 B8 AD) cut after either byte is read whole; E4 B8 28 cut the same way is refused', () => {
    const good = wrapBytes(0xe4, 0xb8, 0xad);
    expect(scanInChunks(good, [4])).toEqual({ accepted: true, events: [['open', 'a'], ['openEnd'], ['text', '中'], ['close', 'a']] });
    expect(scanInChunks(good, [5]).events).toEqual(scanInChunks(good, [4]).events);
    const bad = wrapBytes(0xe4, 0xb8, 0x28);
    expect([scanInChunks(bad, [4]).accepted, scanInChunks(bad, [5]).accepted]).toEqual([false, false]);
  });

  it('XML-BYTES-DEPTH: 256 nested elements are read, 257 refused', () => {
    const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
    expect(answer(nested(256))).toBe('accepted');
    expect(answer(nested(257))).toBe('refused');
  });

  it('XML-BYTES-UNFINISHED: a document cut off inside a tag, comment, CDATA, PI or value, or with an element left open, is refused', () => {
    for (const xml of ['<a><b', '<a></a', '<a></', '<a><!-- x', '<a><![CDATA[x', '<a><![CDA', '<a><?pi', '<a x="1', '<a x=', '<a', '<a>', '<a><b/>', '<a/><', '<a/><!--', '<a/><?pi']) {
      expect(answer(xml), xml).toBe('refused');
    }
  });

  it('XML-BYTES-NOTHING: no root at all is refused: nothing, white space, a declaration, a comment, text', () => {
    for (const xml of ['', ' \n', '<?xml version="1.0"?>', '<!-- only -->', 'text']) expect(answer(xml), JSON.stringify(xml)).toBe('refused');
  });
});

function wrapBytes(...inner: number[]): Buffer {
  return Buffer.concat([bytesOf('<a>'), Buffer.from(inner), bytesOf('</a>')]);
}

const MiB = 1024 * 1024;

/** Feeds `opener` then 64 KiB chunks of `x` for ever; how many bytes were written, the refused chunk included. */
function writtenWhenRefused(opener: string): number {
  const scanner = new XmlByteScanner({ open() {}, attribute() {}, openEnd() {}, close() {}, text() {} });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let written = 0;
  try {
    written += opener.length;
    scanner.write(bytesOf(opener));
    for (;;) {
      written += chunk.length;
      scanner.write(chunk);
    }
  } catch (error) {
    if (!(error instanceof NotWellFormed)) throw error;
    return written;
  }
}

describe('XML-BYTES-TOKEN-LIMIT: one token (tag, text, comment, CDATA) is at most 1 MiB, whatever the chunking', () => {
  it('an endless comment or value is refused once 1 MiB of it is held: on the 16th 64 KiB chunk', () => {
    // `<a><!--` is 7 bytes, the carried token starts at `<!--` (4 of them). After n chunks it
    // holds 4 + 65,536·n bytes: 982,020 after 15 (under 1,048,576), 1,048,580 after 16 (over).
    expect(writtenWhenRefused('<a><!--')).toBe(7 + 16 * 64 * 1024);
    // `<a><b x="` is 9 bytes, the token starts at `<b` (6 of them): 6 + 65,536·16 > 1 MiB too
    expect(writtenWhenRefused('<a><b x="')).toBe(9 + 16 * 64 * 1024);
  });

  it('a text of exactly 1 MiB is read (as one text), one byte more is refused, in one chunk or in 64 KiB chunks', () => {
    const document = (textBytes: number) => Buffer.concat([bytesOf('<a>'), Buffer.alloc(textBytes, 'x'), bytesOf('</a>')]);
    const chunked = (bytes: Buffer) => Array.from({ length: Math.ceil(bytes.length / (64 * 1024)) }, (_, i) => i * 64 * 1024);
    for (const cuts of [[], chunked(document(MiB))]) {
      const read = scanInChunks(document(MiB), cuts);
      expect(read.accepted).toBe(true);
      expect(read.events.map((e) => (e[0] === 'text' ? e[1].length : e[0]))).toEqual(['open', 'openEnd', MiB, 'close']);
      expect(scanInChunks(document(MiB + 1), cuts).accepted).toBe(false);
    }
    // 900 KiB of CJK text (3 bytes each): 307,200 characters, under the limit in bytes too
    const cjk = Buffer.concat([bytesOf('<a>'), bytesOf('学'.repeat(300 * 1024)), bytesOf('</a>')]);
    expect(scanInChunks(cjk, chunked(cjk)).events[2]).toEqual(['text', '学'.repeat(300 * 1024)]);
  });

  it('a comment, CDATA section or start tag over 1 MiB is refused in one chunk as well as in 64 KiB chunks', () => {
    const long = 'x'.repeat(MiB);
    for (const xml of [`<a><!--${long}--></a>`, `<a><![CDATA[${long}]]></a>`, `<a><b x="${long}"/></a>`]) {
      const bytes = bytesOf(xml);
      expect(scanInChunks(bytes).accepted, `${xml.slice(0, 12)} in one chunk`).toBe(false);
      expect(scanInChunks(bytes, Array.from({ length: 17 }, (_, i) => i * 64 * 1024)).accepted, `${xml.slice(0, 12)} in 64 KiB chunks`).toBe(false);
    }
  });
});

describe('XML-BYTES-HELPERS: the byte readers the sheet and shared strings use', () => {
  const at = (text: string) => bytesOf(`__${text}__`); // offsets start at 2, so a helper that ignores `start` fails

  it('digitsValue reads ASCII digits, up to 15 of them; anything else is -1', () => {
    const value = (digits: string) => digitsValue(at(digits), 2, 2 + Buffer.byteLength(digits));
    expect(value('0')).toBe(0);
    expect(value('00012')).toBe(12);
    expect(value('1048576')).toBe(1_048_576);
    expect(value('999999999999999')).toBe(999_999_999_999_999); // 15 digits: below 2^53 (about 9.007e15), exact
    expect(value('1234567890123456')).toBe(-1); // 16 digits could pass 2^53
    for (const odd of ['', '1a', 'a1', ' 1', '1 ', '-1', '+1', '1.0', '１']) expect(value(odd), JSON.stringify(odd)).toBe(-1);
  });

  it('localStart finds the local name after the first colon within the range', () => {
    const bytes = bytesOf('<x:row><row><a:b:c>');
    expect(localStart(bytes, 1, 6)).toBe(3); // x:row → row at 3
    expect(localStart(bytes, 8, 11)).toBe(8); // row has no prefix
    expect(localStart(bytes, 13, 18)).toBe(15); // a:b:c → b:c
    expect(localStart(bytes, 1, 2)).toBe(1); // the colon after the range is not seen
  });

  it('bytesAre compares the range with an ASCII name, length first', () => {
    const bytes = bytesOf('<rPh><row>');
    expect(bytesAre(bytes, 1, 4, 'rPh')).toBe(true);
    expect(bytesAre(bytes, 1, 4, 'rph')).toBe(false);
    expect(bytesAre(bytes, 6, 9, 'row')).toBe(true);
    expect(bytesAre(bytes, 6, 8, 'row')).toBe(false);
    expect(bytesAre(bytes, 6, 9, 'ro')).toBe(false);
    expect(bytesAre(bytes, 6, 6, '')).toBe(true);
  });

  it('utf16Units counts characters as JavaScript does from the UTF-8 bytes, or gives -1 where a reference must be decoded first', () => {
    const units = (text: string) => utf16Units(at(text), 2, 2 + Buffer.byteLength(text));
    const plain = (text: string) => utf16Units(at(text), 2, 2 + Buffer.byteLength(text), true);
    expect(units('学号')).toBe(2); // E5 AD A6 E5 8F B7: two lead bytes, 6 bytes
    expect(units('😀')).toBe(2); // F0 9F 98 80: one 4-byte sequence is a surrogate pair
    expect(units('é')).toBe(1); // C3 A9
    expect(units('a学😀')).toBe(4); // 1 + 1 + 2, from 1 + 3 + 4 = 8 bytes
    expect(units('')).toBe(0);
    expect(plain('学号😀')).toBe(4);
    expect(plain('a&amp;b')).toBe(-1);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => units(text) === text.length));
  });
});
