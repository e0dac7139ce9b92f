/**
 * The spreadsheet reader: values read right, and every hostile or broken file refused with
 * its named problem, never a thrown error. The corpus is generated here (no binaries kept).
 */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { bufferSource, readXlsx, type XlsxRow } from '../../../functions/uploads/xlsx/index.js';
import type { ByteSource } from '../../../domain/uploads/ports.js';
import { inLanguage } from '../../../domain/bilingual.js';
import { buildWorkbook, workbookParts } from './workbook-builder.js';
import { honestEntry, repeatedEntry, writeZip, type ZipEntry } from './zip-writer.js';

async function rowsOf(bytes: Uint8Array, options = {}) {
  const rows: XlsxRow[] = [];
  const outcome = await readXlsx(bufferSource(bytes), (r) => rows.push(r), options);
  return { rows, outcome };
}

/** A source that counts what the reader fetched, to show it stopped early. */
function countingSource(bytes: Uint8Array): ByteSource & { fetched: number } {
  const s = {
    size: bytes.byteLength,
    fetched: 0,
    async read(start: number, end: number) {
      const out = bytes.subarray(start, Math.min(end, bytes.byteLength));
      s.fetched += out.byteLength;
      return out;
    },
  };
  return s;
}

const replacePart = (entries: ZipEntry[], replacement: ZipEntry) => entries.map((e) => (e.name === replacement.name ? replacement : e));

const SHEET_HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
/**
 * A row of 1,000 letters and 15 KiB of blanks between rows (still well-formed sheet XML):
 * 16 KiB that deflate squeezes near its 1,030:1 best, so 1 GiB packs into about 1 MB.
 */
const BOMB_ROW = `<row><c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c></row>${' '.repeat(15 * 1024)}`;
const bombUnit = BOMB_ROW.repeat(64); // ~1 MiB

describe('XLSX-READ-VALUES: every kind of cell is read with its type', () => {
  it('shared and inline strings, numbers, booleans, errors, formula text and 1900-system dates, by sheet, row and column', async () => {
    // 45901 is 2025-09-01 in the 1900 system: 2025-01-01 is 45658 (44927 for 2023-01-01,
    // +365 for 2023, +366 for 2024), and January to August 2025 are 31+28+31+30+31+30+31+31 = 243 days.
    const bytes = buildWorkbook([
      { name: '名单', firstRow: 3, rows: [['学号', { inline: '姓名' }, 12.5, true, { error: '#N/A' }, { formulaText: '计算' }, null, { serial: 45901 }]] },
      { name: 'Second', rows: [[false], [], ['x']] },
    ]);
    const { rows, outcome } = await rowsOf(bytes);
    expect(outcome).toEqual({ ok: true, sheets: ['名单', 'Second'], rows: 3, cells: 9 }); // 7 in the first row (G is empty), 1 + 1 in Second
    expect(rows[0]).toEqual({
      sheet: '名单',
      row: 3,
      cells: [
        { column: 'A', type: 'string', value: '学号' },
        { column: 'B', type: 'string', value: '姓名' },
        { column: 'C', type: 'number', value: 12.5 },
        { column: 'D', type: 'boolean', value: true },
        { column: 'E', type: 'error', value: '#N/A' },
        { column: 'F', type: 'string', value: '计算' },
        { column: 'H', type: 'date', value: '2025-09-01' },
      ],
    });
    // the empty second row of "Second" is not reported; row numbers keep their place
    expect(rows.slice(1).map((r) => [r.sheet, r.row])).toEqual([
      ['Second', 1],
      ['Second', 3],
    ]);
  });

  it('XLSX-DATE-1904: a workbook in the 1904 system reads 44439 as 2025-09-01 (45901 − 1,462 days between the epochs)', async () => {
    const { rows } = await rowsOf(buildWorkbook([{ name: 'S', rows: [[{ serial: 44439 }, { serial: 0.5 }]] }], { date1904: true }));
    expect(rows[0]?.cells).toEqual([
      { column: 'A', type: 'date', value: '2025-09-01' },
      { column: 'B', type: 'date', value: '1904-01-01T12:00:00' },
    ]);
  });

  it("XLSX-DATE-1900-LEAP: serial 59 is 1900-02-28, 61 is 1900-03-01, and Lotus's phantom 29 February (60) stays a number", async () => {
    const { rows } = await rowsOf(buildWorkbook([{ name: 'S', rows: [[{ serial: 59 }, { serial: 60 }, { serial: 61 }]] }]));
    expect(rows[0]?.cells.map((c) => [c.type, c.value])).toEqual([
      ['date', '1900-02-28'],
      ['number', 60],
      ['date', '1900-03-01'],
    ]);
  });

  it('XLSX-RICH-TEXT: rich-text runs join, phonetic guides are left out, cells without a reference follow the previous one', async () => {
    const sheet = `${SHEET_HEAD}<row r="2"><c r="B2" t="inlineStr"><is><r><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh><t>zhang</t></rPh></is></c><c><v>7</v></c></row>${SHEET_TAIL}`;
    const bytes = writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), honestEntry('xl/worksheets/sheet1.xml', sheet)));
    const { rows } = await rowsOf(bytes);
    expect(rows).toEqual([{ sheet: 'S', row: 2, cells: [{ column: 'B', type: 'string', value: '张三 ' }, { column: 'C', type: 'number', value: 7 }] }]);
  });

  it('XLSX-INTEROP: workbooks written by exceljs and by SheetJS read the same', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('名单');
    ws.addRow(['学号', '姓名', '日期']);
    ws.addRow(['1711001201115', '刘洋', new Date(Date.UTC(2025, 8, 1))]);
    const fromExcelJs = new Uint8Array(await book.xlsx.writeBuffer());
    const sheetJs = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(sheetJs, XLSX.utils.aoa_to_sheet([['学号', '姓名', '日期'], ['1711001201115', '刘洋', new Date(Date.UTC(2025, 8, 1))]], { cellDates: true }), '名单');
    const fromSheetJs = XLSX.write(sheetJs, { type: 'buffer', bookType: 'xlsx', cellDates: false }) as Buffer;
    for (const bytes of [fromExcelJs, fromSheetJs]) {
      const { rows, outcome } = await rowsOf(bytes);
      expect(outcome.ok).toBe(true);
      expect(rows.map((r) => r.cells.map((c) => c.value))).toEqual([
        ['学号', '姓名', '日期'],
        ['1711001201115', '刘洋', '2025-09-01'],
      ]);
    }
  });
});

describe('XLSX-XML-TEXT: the XML of the parts is read as XML', () => {
  it('entities, character references and CDATA read as the text they stand for, in cells and in a sheet name', async () => {
    const bytes = buildWorkbook([{ name: 'R&D', rows: [['A&B <c>', { inline: '"q" > 中' }]] }]);
    const { rows, outcome } = await rowsOf(bytes);
    expect(outcome).toMatchObject({ ok: true, sheets: ['R&D'] });
    expect(rows[0]?.cells.map((c) => c.value)).toEqual(['A&B <c>', '"q" > 中']);
    // By hand: &#x4E2D; and &#20013; are both 中 (0x4E2D = 4·4096 + 14·256 + 2·16 + 13 =
    // 20013); a CDATA section is its characters as they stand.
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>&#x4E2D;&#20013;<![CDATA[<x> & y]]></t></is></c></row>${SHEET_TAIL}`;
    const custom = await rowsOf(writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), honestEntry('xl/worksheets/sheet1.xml', sheet))));
    expect(custom.rows[0]?.cells[0]?.value).toBe('中中<x> & y');
  });

  it('UPLOAD-XLSX-MALFORMED-STRUCTURE: an element left open, a second root, an end tag that closes nothing, and bytes that are not UTF-8 are refused', async () => {
    const withSheet = async (content: string | Buffer) => {
      const { outcome } = await rowsOf(writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), honestEntry('xl/worksheets/sheet1.xml', content))));
      return outcome.ok ? 'read' : outcome.problem.rule;
    };
    expect(await withSheet(`${SHEET_HEAD}<row><c><v>1</v></c></row></sheetData>`)).toBe('XLSX-MALFORMED-XML');
    expect(await withSheet(`${SHEET_HEAD}${SHEET_TAIL}<worksheet/>`)).toBe('XLSX-MALFORMED-XML');
    expect(await withSheet(`${SHEET_HEAD}</row>${SHEET_TAIL}`)).toBe('XLSX-MALFORMED-XML');
    const notUtf8 = Buffer.concat([Buffer.from(`${SHEET_HEAD}<row><c t="inlineStr"><is><t>`), Buffer.from([0xff, 0xfe]), Buffer.from(`</t></is></c></row>${SHEET_TAIL}`)]);
    expect(await withSheet(notUtf8)).toBe('XLSX-MALFORMED-XML');
    expect(await withSheet(`${SHEET_HEAD}<row><c><v>1</v></c></row>${SHEET_TAIL}`)).toBe('read'); // the same, sound
  });
});

describe('the reader refuses what is not a sound workbook, naming why', () => {
  const problemOf = async (bytes: Uint8Array, limits = {}) => {
    const { outcome } = await rowsOf(bytes, { limits });
    if (outcome.ok) throw new Error('expected a refusal');
    return outcome.problem;
  };

  it('UPLOAD-XLSX-BOMB: ~1 GiB of sheet XML declared honestly in ~1 MB is refused from the central directory, before inflating', async () => {
    const bomb = writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, bombUnit, 1024, SHEET_TAIL)));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const source = countingSource(bomb);
    const outcome = await readXlsx(source, () => {});
    expect(outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-PART-TOO-LARGE' } });
    // only the end record and central directory were fetched (a few hundred bytes), not the part
    expect(source.fetched).toBeLessThan(70_000);
  });

  it('UPLOAD-XLSX-RATIO: a part within the size limits but expanding 1,000-fold is refused before inflating', async () => {
    const bomb = writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, bombUnit, 64, SHEET_TAIL)));
    expect(await problemOf(bomb)).toMatchObject({ rule: 'XLSX-COMPRESSION-RATIO' });
  });

  it('UPLOAD-XLSX-LYING-HEADER: a part declared as 2,000 bytes that inflates to ~1 GiB is stopped at the first excess, having fetched little', async () => {
    const liar = repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, bombUnit, 1024, SHEET_TAIL, 2_000);
    const source = countingSource(writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), liar)));
    const outcome = await readXlsx(source, () => {}, { limits: { readChunkBytes: 16 * 1024 } });
    expect(outcome).toMatchObject({ ok: false, problem: { rule: 'XLSX-SIZE-MISMATCH' } });
    // the liar is ~1 MB compressed; stopping at the first excess leaves nearly all of it unfetched
    expect(source.size).toBeGreaterThan(900_000);
    expect(source.fetched).toBeLessThan(200_000);
  });

  it('UPLOAD-XLSX-LYING-HEADER: a part that inflates to less than it declares is refused too', async () => {
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>${SHEET_TAIL}`;
    const honest = honestEntry('xl/worksheets/sheet1.xml', sheet);
    const bytes = writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), { ...honest, declaredSize: honest.declaredSize + 10 }));
    expect(await problemOf(bytes)).toMatchObject({ rule: 'XLSX-SIZE-MISMATCH' });
  });

  it('UPLOAD-XLSX-TRUNCATED: a workbook cut short is named as such', async () => {
    const good = buildWorkbook([{ name: 'S', rows: [['a', 1]] }]);
    expect(await problemOf(good.subarray(0, Math.floor(good.length / 2)))).toMatchObject({ rule: 'XLSX-TRUNCATED' });
  });

  it('UPLOAD-XLSX-NOT-A-ZIP: text, an image or nothing at all is not a workbook; an .xls or encrypted file is told apart', async () => {
    expect(await problemOf(Buffer.from('学号,姓名\n1711001201115,刘洋\n'))).toMatchObject({ rule: 'XLSX-NOT-A-ZIP' });
    expect(await problemOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(100).fill(0)]))).toMatchObject({ rule: 'XLSX-NOT-A-ZIP' });
    expect(await problemOf(new Uint8Array())).toMatchObject({ rule: 'XLSX-NOT-A-ZIP' });
    expect(await problemOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]))).toMatchObject({ rule: 'XLSX-LEGACY-OR-ENCRYPTED' });
  });

  it('UPLOAD-XLSX-NOT-A-WORKBOOK: a zip without a workbook part is refused', async () => {
    expect(await problemOf(writeZip([honestEntry('readme.txt', 'hello')]))).toMatchObject({ rule: 'XLSX-NOT-A-WORKBOOK' });
  });

  it('UPLOAD-XLSX-MALFORMED-XML: broken XML and any DOCTYPE are refused', async () => {
    const broken = writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), honestEntry('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row><c><v>1</v></row>${SHEET_TAIL}`)));
    expect(await problemOf(broken)).toMatchObject({ rule: 'XLSX-MALFORMED-XML' });
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`;
    expect(await problemOf(writeZip(replacePart(workbookParts([{ name: 'S', rows: [] }]), honestEntry('xl/worksheets/sheet1.xml', doctype))))).toMatchObject({
      rule: 'XLSX-MALFORMED-XML',
    });
  });

  it('UPLOAD-XLSX-LIMITS: rows, cells, string length, shared strings and the file size are each held to their limit, with both languages', async () => {
    const bytes = buildWorkbook([{ name: 'S', rows: [['a', 'b', 'c'], ['d', 'e', 'f'], [{ inline: 'x'.repeat(50) }]] }]);
    expect(await problemOf(bytes, { maxRows: 2 })).toMatchObject({ rule: 'XLSX-TOO-MANY-ROWS' });
    expect(await problemOf(bytes, { maxCells: 5 })).toMatchObject({ rule: 'XLSX-TOO-MANY-CELLS' });
    const tooLong = await problemOf(bytes, { maxStringLength: 40 });
    expect(tooLong).toMatchObject({ rule: 'XLSX-STRING-TOO-LONG', sheet: 'S', row: 3, column: 'A' });
    expect(inLanguage(tooLong.message, true)).toContain('超过 40 个字符');
    expect(inLanguage(tooLong.message, false)).toContain('longer than 40 characters');
    expect(await problemOf(bytes, { maxSharedStrings: 5 })).toMatchObject({ rule: 'XLSX-TOO-MANY-STRINGS' });
    expect(await problemOf(bytes, { maxCompressedBytes: 100 })).toMatchObject({ rule: 'XLSX-TOO-LARGE' });
    expect(await problemOf(bytes, { maxEntries: 3 })).toMatchObject({ rule: 'XLSX-TOO-MANY-ENTRIES' });
    expect(await problemOf(bytes, { maxPartBytes: 300 })).toMatchObject({ rule: 'XLSX-PART-TOO-LARGE' });
    expect(await problemOf(bytes, { maxTotalBytes: 1_000 })).toMatchObject({ rule: 'XLSX-TOTAL-TOO-LARGE' });
    expect(await problemOf(buildWorkbook([{ name: 'A', rows: [] }, { name: 'B', rows: [] }]), { maxSheets: 1 })).toMatchObject({ rule: 'XLSX-TOO-MANY-SHEETS' });
  });

  it('a failure of storage behind the source is thrown, not reported as a problem with the file', async () => {
    const bytes = buildWorkbook([{ name: 'S', rows: [['a']] }]);
    const failing: ByteSource = { size: bytes.length, read: async () => Promise.reject(new Error('S3 unavailable')) };
    await expect(readXlsx(failing, () => {})).rejects.toThrow('S3 unavailable');
  });
});

describe('XLSX-SHARED-STRINGS: the compact shared-string table', () => {
  it('gives back every text as pushed, past its first buffer (1 MiB) and offset table (16,384 entries)', async () => {
    const { SharedStringTable } = await import('../../../functions/uploads/xlsx/shared-strings.js');
    const table = new SharedStringTable();
    // 20,000 texts of 60–79 bytes (Chinese is 3 bytes a character in UTF-8): ~1.4 MB
    const texts = Array.from({ length: 20_000 }, (_, i) => `${i}-学号姓名专业-${'x'.repeat(40 + (i % 20))}`);
    for (const t of texts) table.push(t);
    table.push('');
    expect(table.size).toBe(20_001);
    expect(texts.every((t, i) => table.get(i) === t)).toBe(true);
    expect(table.get(20_000)).toBe('');
    expect(table.get(20_001)).toBeUndefined();
    expect(table.get(-1)).toBeUndefined();
  });
});
