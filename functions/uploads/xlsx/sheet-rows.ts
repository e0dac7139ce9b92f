/**
 * One worksheet's rows, as its XML streams past: `<row r>` holds `<c r t s>` cells whose
 * value is `<v>` (numbers, shared-string indexes, booleans, errors, formula results) or an
 * inline `<is><t>` string. Rows and cells without `r` follow the previous one, as Excel
 * writes them. Only cells with a value are kept; a row with none is not reported.
 */
import type { XlsxLimits } from './limits.js';
import { refusals } from './refusals.js';
import { columnLetters, columnNumber, serialToIso, type XlsxCell, type XlsxRow } from './cell-values.js';
import type { WorkbookStructure } from './workbook-structure.js';
import { readXmlPart } from './xml-part.js';
import type { OpenedZip } from './zip.js';

/** Counts shared across the sheets of one workbook, held to the row and cell limits. */
export interface ReadCounts {
  rows: number;
  cells: number;
}

/** The column number of a cell reference (`AB12` → 28); 0 when it starts with no column letters. */
function columnOfReference(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  return columnNumber(i === ref.length ? ref : ref.slice(0, i));
}

/** Column letters by number, made once each: a cell's `column` is then never a new string. */
const lettersByNumber: string[] = [];
function lettersOf(n: number): string {
  return (lettersByNumber[n] ??= columnLetters(n));
}

export async function readSheetRows(
  zip: OpenedZip,
  sheet: { name: string; part: string },
  book: WorkbookStructure,
  limits: XlsxLimits,
  counts: ReadCounts,
  onRow: (row: XlsxRow) => void,
): Promise<void> {
  const { sharedStrings, dateStyles, date1904 } = book;
  const sheetName = sheet.name;
  let tag = '';
  let rowNumber = 0;
  let rowNumbered = false;
  let cells: XlsxCell[] = [];
  let columnNo = 0;
  let cellNumbered = false;
  let cellType = '';
  let style = 0;
  let raw = '';
  let collecting = false;
  let inlineText = false;
  let phonetic = 0;
  let inCell = false;
  let inline = '';

  const where = () => ({ sheet: sheetName, row: rowNumber, column: lettersOf(columnNo) });
  const bad = (detail: string) => refusals.badCell(detail, where());

  function typed(): XlsxCell | null {
    const column = lettersOf(columnNo);
    switch (cellType) {
      case 's': {
        if (raw === '') return null;
        const text = sharedStrings.get(Number(raw));
        if (text === undefined) throw bad('shared string missing');
        return text === '' ? null : { column, type: 'string', value: text };
      }
      case 'inlineStr':
        return inline === '' ? null : { column, type: 'string', value: inline };
      case 'str':
        return raw === '' ? null : { column, type: 'string', value: raw };
      case 'b':
        if (raw === '') return null;
        if (raw !== '0' && raw !== '1') throw bad('boolean');
        return { column, type: 'boolean', value: raw === '1' };
      case 'e':
        return raw === '' ? null : { column, type: 'error', value: raw };
      case 'd':
        return raw === '' ? null : { column, type: 'date', value: raw.length > 19 ? raw.slice(0, 19) : raw };
      case '':
      case 'n': {
        if (raw === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) throw bad('number');
        if (dateStyles[style] === true) {
          const iso = serialToIso(n, date1904);
          if (iso !== null) return { column, type: 'date', value: iso };
        }
        return { column, type: 'number', value: n };
      }
      default:
        throw bad(`type ${cellType}`);
    }
  }

  await readXmlPart(zip, sheet.part, {
    open(local) {
      tag = local;
      if (local === 'c') {
        cellNumbered = false;
        cellType = '';
        style = 0;
        raw = '';
        inline = '';
        inCell = true;
      } else if (local === 'v') {
        collecting = inCell;
      } else if (local === 'row') {
        rowNumbered = false;
      } else if (local === 'rPh') {
        phonetic++;
      } else if (local === 't') {
        inlineText = inCell && phonetic === 0;
      }
    },
    attribute(name, value) {
      if (tag === 'c') {
        if (name === 'r') {
          columnNo = columnOfReference(value);
          if (columnNo === 0) throw refusals.badCell(`reference ${value.slice(0, 20)}`, { sheet: sheetName, row: rowNumber, column: '' });
          cellNumbered = true;
        } else if (name === 't') cellType = value;
        else if (name === 's') style = Number(value);
      } else if (tag === 'row' && name === 'r') {
        rowNumber = Number(value);
        rowNumbered = true;
      }
    },
    openEnd(local) {
      if (local === 'c') {
        if (!cellNumbered) columnNo++;
        if (columnNo > 16_384) throw bad('column');
      } else if (local === 'row') {
        if (!rowNumbered) rowNumber++;
        if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > 1_048_576) throw bad('row number');
        cells = [];
        columnNo = 0;
      }
    },
    text(text) {
      if (collecting) {
        raw += text;
        if (raw.length > limits.maxStringLength) throw refusals.stringTooLong(limits.maxStringLength, where());
      } else if (inlineText) {
        inline += text;
        if (inline.length > limits.maxStringLength) throw refusals.stringTooLong(limits.maxStringLength, where());
      }
    },
    close(local) {
      if (local === 'v') collecting = false;
      else if (local === 't') inlineText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'c') {
        inCell = false;
        const cell = typed();
        if (cell) {
          if (++counts.cells > limits.maxCells) throw refusals.tooManyCells(limits.maxCells);
          cells.push(cell);
        }
      } else if (local === 'row') {
        if (cells.length === 0) return;
        if (++counts.rows > limits.maxRows) throw refusals.tooManyRows(limits.maxRows);
        onRow({ sheet: sheetName, row: rowNumber, cells });
      }
    },
  });
}
