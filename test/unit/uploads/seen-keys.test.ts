/**
 * The uniqueness keys kept compactly: a key is found again with the first row that had it,
 * and keys that differ in any way stay apart, whatever the encoding packs together.
 */
import { describe, expect, it } from 'vitest';
import { SeenKeys } from '../../../domain/uploads/seen-keys.js';

describe('SeenKeys', () => {
  it('SEEN-KEYS-FIRST-ROW: a key seen before gives the first row that had it; a new one gives 0 and is kept', () => {
    const keys = new SeenKeys();
    expect(keys.firstRowOr(['1', '1711001201115', '', '2'], 2)).toBe(0);
    expect(keys.firstRowOr(['1', '1711001201116', '', '2'], 3)).toBe(0);
    expect(keys.firstRowOr(['1', '1711001201115', '', '2'], 4)).toBe(2);
    expect(keys.firstRowOr(['1', '1711001201115', '', '2'], 5)).toBe(2); // still the first, not the last repeat
    expect(keys.size).toBe(2);
  });

  it('SEEN-KEYS-DISTINCT: values split differently, digits paired differently, and characters the pairs could be mistaken for stay apart', () => {
    const keys = new SeenKeys();
    const distinct: string[][] = [
      ['1', '23'],
      ['12', '3'],
      ['123'],
      ['1', '2', '3'],
      ['1711001201115'], // odd length: six pairs and a lone 5
      ['171100120111', '5'],
      ['99'], // the pair 99 is one byte 0x80 + 99 = 0xE3 …
      ['\u00e3'], // … which is also ã's code: ã must not read as 99
      ['9\u00e3'],
      ['王芳'],
      ['王芳', ''],
      ['', '王芳'],
      ['a1b2'],
      ['a12b'],
    ];
    distinct.forEach((values, i) => expect(keys.firstRowOr(values, i + 1)).toBe(0));
    distinct.forEach((values, i) => expect(keys.firstRowOr(values, 100)).toBe(i + 1));
  });

  it('SEEN-KEYS-MANY: 200,000 keys, past the first page of bytes, of key records and many table growths, are each found again', () => {
    const keys = new SeenKeys();
    // 200,000 keys of 1 + 7 + 1 + 9 + 1 bytes (13 and 18 digits packed in pairs, with
    // separators) ≈ 3.8 MB: four 1 MiB pages, four pages of 65,536 key records.
    for (let i = 0; i < 200_000; i++) expect(keys.firstRowOr(['0', String(1711001200000 + i), `51161${1202500000000 + i}`], i + 2)).toBe(0);
    for (let i = 0; i < 200_000; i += 997) expect(keys.firstRowOr(['0', String(1711001200000 + i), `51161${1202500000000 + i}`], 1)).toBe(i + 2);
    expect(keys.firstRowOr(['0', String(1711001200000 + 200_000), `51161${1202500000000 + 200_000}`], 1)).toBe(0);
    expect(keys.size).toBe(200_001);
  });
});
