/**
 * The byte tokenizer of the spreadsheet reader (functions/uploads/xlsx/xml-bytes.ts), held
 * to htmlparser2's events on generated documents, to the same answer whatever the chunking,
 * and to each refusal its header promises; then through the reader, where shared strings
 * and cell values are read from its byte ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

/** A well-formed document with one byte deleted or inserted, or one tag written twice. */
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
