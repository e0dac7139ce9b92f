/**
 * The reader where it works on the byte tokenizer's ranges: shared strings copied into the
 * table as bytes (their limits counted in characters, not bytes), and cell values read as
 * digits where they lie, with the odd ones (spaces, pieces) decoded first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource, readXlsx, xlsxLimits, type XlsxLimits, type XlsxRow } from '../../../functions/uploads/xlsx/index.js';
import { openZip } from '../../../functions/uploads/xlsx/zip.js';
import { workbookParts } from './workbook-builder.js';
import { honestEntry, writeZip } from './zip-writer.js';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A one-sheet workbook with this shared-string table (the `<si>` items) and these cells in row 1. */
function workbook(sharedItems: string, cells: string): Buffer {
  const parts = workbookParts([{ name: 'S', rows: [] }]).map((part) => {
    if (part.name === 'xl/sharedStrings.xml') return honestEntry(part.name, `<?xml version="1.0"?><sst ${MAIN}>${sharedItems}</sst>`);
    if (part.name === 'xl/worksheets/sheet1.xml') return honestEntry(part.name, `<?xml version="1.0"?><worksheet ${MAIN}><sheetData><row r="1">${cells}</row></sheetData></worksheet>`);
    return part;
  });
  return writeZip(parts);
}

async function read(bytes: Buffer, limits: Partial<XlsxLimits> = {}) {
  const rows: XlsxRow[] = [];
  const outcome = await readXlsx(bufferSource(bytes), (row) => rows.push(row), { limits });
  return { outcome, values: rows.flatMap((row) => row.cells.map((cell) => cell.value)) };
}

const item = (text: string) => `<si><t>${text}</t></si>`;
const sharedCells = (count: number) => Array.from({ length: count }, (_, i) => `<c t="s"><v>${i}</v></c>`).join('');

describe('XLSX-SHARED-STRING-TEXT: a shared string is its text runs decoded, without its phonetic guide', () => {
  it('an entity, rich-text runs around a phonetic guide, CDATA and a prefixed table read as their text', async () => {
    const items = [
      item('R&amp;D &#x5B66;'), // &#x5B66; is 学
      '<si><r><rPr><b/><rFont val="宋体"/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>zhāng</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t><![CDATA[<x> & ]]>y</t></si>',
      '<si><t>😀</t><rPh sb="0" eb="1"><r><t>not</t></r></rPh></si>',
    ].join('');
    const { outcome, values } = await read(workbook(items, sharedCells(4)));
    expect(outcome).toMatchObject({ ok: true, cells: 4 });
    expect(values).toEqual(['R&D 学', '张三 ', '<x> & y', '😀']);
    const prefixed = workbook('<x:si xmlns:x="urn:x"><x:r><x:t>前</x:t></x:r><x:t>缀</x:t></x:si>', sharedCells(1));
    expect((await read(prefixed)).values).toEqual(['前缀']);
  });
});

/** Any text XML can carry: no controls but tab, line feed and carriage return, no U+FFFE/U+FFFF. */
const xmlCarriable = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((t) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.test(t));
/** Written as a writer might: escaped, with some characters as references, or as CDATA. */
const written = fc.tuple(xmlCarriable, fc.constantFrom('escaped', 'references', 'cdata')).map(([text, how]) => {
  if (how === 'cdata' && !text.includes(']]>') && !text.includes('\r')) return { text, xml: `<![CDATA[${text}]]>` };
  const escaped = [...text].map((c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\r' ? '&#13;' : how === 'references' && c.codePointAt(0)! > 0x7f ? `&#x${c.codePointAt(0)!.toString(16)};` : c));
  return { text, xml: escaped.join('') };
});

describe('XLSX-SHARED-STRING-ROUND-TRIP: any text a writer puts in the table reads back as it was', () => {
  it('escaped, as references or as CDATA; and its length in characters is the limit it meets exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(written, { minLength: 1, maxLength: 8 }), async (texts) => {
        const bytes = workbook(texts.map((t) => item(t.xml)).join(''), sharedCells(texts.length));
        const { outcome, values } = await read(bytes);
        expect(outcome.ok).toBe(true);
        expect(values).toEqual(texts.map((t) => t.text).filter((t) => t !== ''));
        // the sheet's `<v>` indexes (one digit here) are held to the limit too, so it is at least 1
        const longest = Math.max(1, ...texts.map((t) => t.text.length));
        expect((await read(bytes, { maxStringLength: longest })).outcome.ok).toBe(true);
        if (longest > 1) expect((await read(bytes, { maxStringLength: longest - 1 })).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-STRING-TOO-LONG' } });
      }),
      { numRuns: 60 },
    );
  });
});

describe('XLSX-STRING-LENGTH-CHARACTERS: the string limits count characters (UTF-16 units, as Excel does), not UTF-8 bytes', () => {
  it('a shared string of exactly maxStringLength CJK characters is read; one more is refused', async () => {
    // 10 × 学 is 30 bytes: a byte count would refuse it at 10
    expect((await read(workbook(item('学'.repeat(10)), sharedCells(1)), { maxStringLength: 10 })).values).toEqual(['学'.repeat(10)]);
    expect((await read(workbook(item('学'.repeat(11)), sharedCells(1)), { maxStringLength: 10 })).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-STRING-TOO-LONG' } });
  });

  it('at Excel\'s own 32,767: 32,767 × 学 (98,301 bytes) is read, 32,768 refused', async () => {
    const { outcome, values } = await read(workbook(item('学'.repeat(32_767)), sharedCells(1)));
    expect(outcome.ok).toBe(true);
    expect(values[0]).toHaveLength(32_767);
    expect((await read(workbook(item('学'.repeat(32_768)), sharedCells(1)))).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-STRING-TOO-LONG' } });
  });

  it('runs add up, a 4-byte character counts 2, an entity counts as the 1 character it stands for, the phonetic guide not at all', async () => {
    const limits = { maxStringLength: 10 };
    const refused = { ok: false, problem: { rule: 'XLSX-STRING-TOO-LONG' } };
    // 6 + 5 = 11 characters over two runs
    expect((await read(workbook('<si><r><t>学学学学学学</t></r><r><t>号号号号号</t></r></si>', sharedCells(1)), limits)).outcome).toMatchObject(refused);
    // 5 × 😀 = 10 units is the limit; 6 = 12 units is over
    expect((await read(workbook(item('😀'.repeat(5)), sharedCells(1)), limits)).outcome.ok).toBe(true);
    expect((await read(workbook(item('😀'.repeat(6)), sharedCells(1)), limits)).outcome).toMatchObject(refused);
    // 9 × 学 + &amp; = 10 characters (written in 32 bytes); 10 × 学 + &amp; = 11
    expect((await read(workbook(item(`${'学'.repeat(9)}&amp;`), sharedCells(1)), limits)).values).toEqual([`${'学'.repeat(9)}&`]);
    expect((await read(workbook(item(`${'学'.repeat(10)}&amp;`), sharedCells(1)), limits)).outcome).toMatchObject(refused);
    // 10 characters and a 5-character guide: 10, the guide left out
    expect((await read(workbook(`<si><t>${'学'.repeat(10)}</t><rPh><t>xuéxuéxué</t></rPh></si>`, sharedCells(1)), limits)).outcome.ok).toBe(true);
  });

  it('the table\'s characters together are held to maxSharedStringChars', async () => {
    // 学号 2 + 姓名 2 + 😀 2 + R&amp;D 3 = 9 characters (from 6 + 6 + 4 + 7 = 23 bytes as written)
    const items = [item('学号'), item('姓名'), item('😀'), item('R&amp;D')].join('');
    expect((await read(workbook(items, sharedCells(4)), { maxSharedStringChars: 9 })).values).toEqual(['学号', '姓名', '😀', 'R&D']);
    expect((await read(workbook(items, sharedCells(4)), { maxSharedStringChars: 8 })).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-STRINGS-TOO-LARGE' } });
  });
});

describe('XLSX-CELL-VALUE-BYTES: values read where they lie, odd ones decoded first', () => {
  const thirteen = Array.from({ length: 13 }, (_, i) => item(`s${i}`)).join('');

  it('a shared-string index with spaces around it, or split by a comment or CDATA, is the index it spells (12)', async () => {
    const cells = ['<c r="A1" t="s"><v> 12\n</v></c>', '<c r="B1" t="s"><v>1<!-- x -->2</v></c>', '<c r="C1" t="s"><v>1<![CDATA[2]]></v></c>', '<c r="D1" t="s"><v>&#49;2</v></c>'];
    const { outcome, values } = await read(workbook(thirteen, cells.join('')));
    expect(outcome.ok).toBe(true);
    expect(values).toEqual(['s12', 's12', 's12', 's12']);
  });

  it('a shared-string index that is not a whole number is a bad cell, never a read beside the table', async () => {
    for (const index of ['0.5', '12.5', '-1', '1e1', '0x1', ' ', '13']) {
      const { outcome } = await read(workbook(thirteen, `<c r="A1" t="s"><v>${index}</v></c>`));
      expect(outcome, JSON.stringify(index)).toMatchObject({ ok: false, problem: { rule: 'XLSX-BAD-CELL', row: 1, column: 'A' } });
    }
  });

  it('a number cell holding only white space has no value (it is not 0); spaces around a number are XML\'s, not the number\'s', async () => {
    const { outcome, values } = await read(workbook('', '<c r="A1"><v> </v></c><c r="B1"><v>\n\t</v></c><c r="C1"><v> 0 </v></c><c r="D1"><v> 2.5\n</v></c>'));
    expect(outcome).toMatchObject({ ok: true, cells: 2 });
    expect(values).toEqual([0, 2.5]);
  });

  it('a number is read only as SpreadsheetML writes one (decimal, fraction, exponent): 0x1A, 0b1, Infinity and 1_000 are bad cells', async () => {
    // 1.5E3 = 1500; -.5 = -0.5; +7 = 7
    const { outcome, values } = await read(workbook('', '<c r="A1"><v>1.5E3</v></c><c r="B1"><v>-.5</v></c><c r="C1"><v>+7</v></c>'));
    expect(outcome.ok).toBe(true);
    expect(values).toEqual([1500, -0.5, 7]);
    for (const odd of ['0x1A', '0b1', 'Infinity', '1_000', '1e', '.']) {
      const { outcome: refused } = await read(workbook('', `<c r="A1"><v>${odd}</v></c>`));
      expect(refused, odd).toMatchObject({ ok: false, problem: { rule: 'XLSX-BAD-CELL', row: 1, column: 'A' } });
    }
  });

  it('the shared-string table gives nothing for an index that is not a whole number, whoever asks', async () => {
    const { SharedStringTable } = await import('../../../functions/uploads/xlsx/shared-strings.js');
    const table = new SharedStringTable();
    table.push('一');
    table.push('二');
    expect([table.get(0), table.get(1), table.get(0.5), table.get(2), table.get(-1), table.get(Number.NaN)]).toEqual(['一', '二', undefined, undefined, undefined, undefined]);
  });

  it('t="" is a number, as no t is; with a date style it is a date', async () => {
    // style 1 is numFmt 14 (a date); 45901 is 2025-09-01 (see XLSX-READ-VALUES in xlsx-reader.test.ts)
    const { values } = await read(workbook('', '<c r="A1" t=""><v>7</v></c><c r="B1"><v>7.5</v></c><c r="C1" t="" s="1"><v>45901</v></c>'));
    expect(values).toEqual([7, 7.5, '2025-09-01']);
  });

  it('a reference the scanner hands over undecoded is still checked where the reader decodes it: &nbsp; in a value is malformed XML', async () => {
    expect((await read(workbook(thirteen, '<c r="A1" t="str"><v>a&nbsp;b</v></c>'))).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-MALFORMED-XML' } });
    expect((await read(workbook(item('a&nbsp;b'), sharedCells(1)))).outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-MALFORMED-XML' } });
  });
});

describe('XLSX-CHUNKING: a workbook read a few bytes at a time reads as it does whole', () => {
  it('fetched 16 bytes at a time (the sheet then inflates in hundreds of pieces), every row and cell is the same', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `${i}号 学生&amp;😀 ${'张'.repeat(i % 7)}`);
    const cells = (r: number) =>
      `<c r="A${r}" t="s"><v>${r % 300}</v></c><c r="B${r}"><v>${r}.25</v></c><c r="C${r}" t="inlineStr"><is><r><t>第${r}行</t></r><rPh><t>x</t></rPh></is></c>` +
      `<c r="D${r}" t="s"><v>1<!-- split -->${r % 10}</v></c><c r="E${r}" t="b"><v>${r % 2}</v></c>`;
    const rows = Array.from({ length: 400 }, (_, i) => `<row r="${i + 1}">${cells(i + 1)}</row>`).join('');
    const parts = workbookParts([{ name: 'S', rows: [] }]).map((part) => {
      if (part.name === 'xl/sharedStrings.xml') return honestEntry(part.name, `<sst ${MAIN}>${texts.map(item).join('')}</sst>`);
      if (part.name === 'xl/worksheets/sheet1.xml') return honestEntry(part.name, `<worksheet ${MAIN}><sheetData>${rows}</sheetData></worksheet>`);
      return part;
    });
    const bytes = writeZip(parts);
    const zip = await openZip(bufferSource(bytes), xlsxLimits({ readChunkBytes: 16 }));
    let pieces = 0;
    await zip.readPart('xl/worksheets/sheet1.xml', () => pieces++);
    zip.close();
    expect(pieces).toBeGreaterThan(100);
    const whole: XlsxRow[] = [];
    const piecemeal: XlsxRow[] = [];
    expect(await readXlsx(bufferSource(bytes), (row) => whole.push(row))).toMatchObject({ ok: true, rows: 400, cells: 2000 });
    expect(await readXlsx(bufferSource(bytes), (row) => piecemeal.push(row), { limits: { readChunkBytes: 16 } })).toMatchObject({ ok: true, rows: 400, cells: 2000 });
    expect(piecemeal).toEqual(whole);
    // row 7 by hand: text 7 (7 % 7 = 0 张), 7.25, 第7行 without its guide, text 17 (1, then
    // 7 % 10 = 7; 17 % 7 = 3 张), and 7 % 2 = 1, true
    expect(whole[6]?.cells.map((c) => c.value)).toEqual(['7号 学生&😀 ', 7.25, '第7行', '17号 学生&😀 张张张', true]);
  });
});
