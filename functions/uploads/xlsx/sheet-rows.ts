/**
 * One worksheet's rows, as its XML streams past: `<row r>` holds `<c r t s>` cells whose
 * value is `<v>` (numbers, shared-string indexes, booleans, errors, formula results) or an
 * inline `<is><t>` string. Rows and cells without `r` follow the previous one, as Excel
 * writes them. Only cells with a value are kept; a row with none is not reported.
 *
 * This is the loop a long sheet spends its time in, so it works on the tokenizer's byte
 * ranges: elements and cell types are told by their bytes, references, styles and
 * shared-string indexes are read as digits where they lie, and a string is made only for a
 * value a cell hands on.
 */
import type { XlsxLimits } from './limits.js';
import { refusals } from './refusals.js';
import { columnLetters, serialToIso, type XlsxCell, type XlsxRow } from './cell-values.js';
import type { WorkbookStructure } from './workbook-structure.js';
import { bytesAre, digitsValue, localStart, xmlText, type XmlByteHandlers } from './xml-bytes.js';
import { scanXmlPart } from './xml-part.js';
import type { OpenedZip } from './zip.js';

/** Counts shared across the sheets of one workbook, held to the row and cell limits. */
export interface ReadCounts {
  rows: number;
  cells: number;
}

/** Column letters by number, made once each: a cell's `column` is then never a new string. */
const lettersByNumber: string[] = [];
function lettersOf(n: number): string {
  return (lettersByNumber[n] ??= columnLetters(n));
}

const OTHER = 0;
const ROW = 1;
const CELL = 2;
const VALUE = 3;
const TEXT = 4;
const PHONETIC = 5;

function elementOf(bytes: Buffer, start: number, end: number): number {
  const from = localStart(bytes, start, end);
  if (end - from === 1) {
    const c = bytes[from];
    return c === 0x63 ? CELL : c === 0x76 ? VALUE : c === 0x74 ? TEXT : OTHER; // c, v, t
  }
  if (bytesAre(bytes, from, end, 'row')) return ROW;
  return bytesAre(bytes, from, end, 'rPh') ? PHONETIC : OTHER;
}

/** A number as SpreadsheetML writes it: decimal, with an optional fraction and exponent. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The column number of a cell reference (`AB12` → 28); 0 when it starts with no column letters. */
function columnOfReference(bytes: Buffer, start: number, end: number): number {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  const letters = i - start;
  return letters === 0 || letters > 3 || n > 16_384 ? 0 : n;
}

class SheetRowEvents implements XmlByteHandlers {
  private element = OTHER;
  private rowNumber = 0;
  private rowNumbered = false;
  private cells: XlsxCell[] = [];
  private columnNo = 0;
  private cellNumbered = false;
  /** the cell's `t` as written; none (or empty) is a number, `n` */
  private cellType = 'n';
  private style = -1;
  private inCell = false;
  private collecting = false;
  private inlineText = false;
  private phonetic = 0;
  /** the value so far: one byte range (the usual case), or text once it came in pieces */
  private valueBytes: Buffer | undefined;
  private valueStart = 0;
  private valueEnd = 0;
  private valueText: string | undefined;
  private inline = '';

  constructor(
    private readonly sheetName: string,
    private readonly book: WorkbookStructure,
    private readonly limits: XlsxLimits,
    private readonly counts: ReadCounts,
    private readonly onRow: (row: XlsxRow) => void,
  ) {}

  private where() {
    return { sheet: this.sheetName, row: this.rowNumber, column: lettersOf(this.columnNo) };
  }

  private bad(detail: string) {
    return refusals.badCell(detail, this.where());
  }

  open(bytes: Buffer, start: number, end: number): void {
    const element = (this.element = elementOf(bytes, start, end));
    if (element === CELL) {
      this.cellNumbered = false;
      this.cellType = 'n';
      this.style = -1;
      this.valueBytes = undefined;
      this.valueText = undefined;
      this.inline = '';
      this.inCell = true;
    } else if (element === VALUE) {
      this.collecting = this.inCell;
    } else if (element === ROW) {
      this.rowNumbered = false;
    } else if (element === PHONETIC) {
      this.phonetic++;
    } else if (element === TEXT) {
      this.inlineText = this.inCell && this.phonetic === 0;
    }
  }

  attribute(bytes: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if (nameEnd - nameStart !== 1) return;
    const name = bytes[nameStart];
    if (this.element === CELL) {
      if (name === 0x72) {
        // r
        this.columnNo = columnOfReference(bytes, valueStart, valueEnd);
        if (this.columnNo === 0) throw refusals.badCell(`reference ${xmlText(bytes, valueStart, valueEnd).slice(0, 20)}`, { sheet: this.sheetName, row: this.rowNumber, column: '' });
        this.cellNumbered = true;
      } else if (name === 0x74) {
        // t: one byte for the common types (a one-character string is not a new one), else as written
        const length = valueEnd - valueStart;
        this.cellType = length === 1 ? String.fromCharCode(bytes[valueStart]!) : length === 0 ? 'n' : xmlText(bytes, valueStart, valueEnd);
      } else if (name === 0x73) {
        this.style = digitsValue(bytes, valueStart, valueEnd); // s
      }
    } else if (this.element === ROW && name === 0x72) {
      const r = digitsValue(bytes, valueStart, valueEnd);
      this.rowNumber = r < 0 ? Number.NaN : r;
      this.rowNumbered = true;
    }
  }

  openEnd(): void {
    if (this.element === CELL) {
      if (!this.cellNumbered) this.columnNo++;
      if (this.columnNo > 16_384) throw this.bad('column');
    } else if (this.element === ROW) {
      if (!this.rowNumbered) this.rowNumber++;
      if (!Number.isInteger(this.rowNumber) || this.rowNumber < 1 || this.rowNumber > 1_048_576) throw this.bad('row number');
      this.cells = [];
      this.columnNo = 0;
    }
  }

  text(bytes: Buffer, start: number, end: number, literal: boolean): void {
    const max = this.limits.maxStringLength;
    if (this.collecting) {
      if (this.valueBytes === undefined && this.valueText === undefined && !literal) {
        this.valueBytes = bytes;
        this.valueStart = start;
        this.valueEnd = end;
        // a character is at least one byte, so only a long range needs counting
        if (end - start > max && xmlText(bytes, start, end).length > max) throw refusals.stringTooLong(max, this.where());
        return;
      }
      this.valueText = this.rawValue() + (literal ? bytes.toString('utf8', start, end) : xmlText(bytes, start, end));
      this.valueBytes = undefined;
      if (this.valueText.length > max) throw refusals.stringTooLong(max, this.where());
    } else if (this.inlineText) {
      this.inline += literal ? bytes.toString('utf8', start, end) : xmlText(bytes, start, end);
      if (this.inline.length > max) throw refusals.stringTooLong(max, this.where());
    }
  }

  private rawValue(): string {
    if (this.valueBytes !== undefined) return xmlText(this.valueBytes, this.valueStart, this.valueEnd);
    return this.valueText ?? '';
  }

  close(bytes: Buffer, start: number, end: number): void {
    const element = elementOf(bytes, start, end);
    if (element === VALUE) this.collecting = false;
    else if (element === TEXT) this.inlineText = false;
    else if (element === PHONETIC) this.phonetic--;
    else if (element === CELL) {
      this.inCell = false;
      const cell = this.typed();
      if (cell) {
        if (++this.counts.cells > this.limits.maxCells) throw refusals.tooManyCells(this.limits.maxCells);
        this.cells.push(cell);
      }
    } else if (element === ROW) {
      if (this.cells.length === 0) return;
      if (++this.counts.rows > this.limits.maxRows) throw refusals.tooManyRows(this.limits.maxRows);
      this.onRow({ sheet: this.sheetName, row: this.rowNumber, cells: this.cells });
    }
  }

  private typed(): XlsxCell | null {
    const column = lettersOf(this.columnNo);
    switch (this.cellType) {
      case 's': {
        // the index read where it lies; only an odd one (spaces, pieces) is decoded first
        const direct = this.valueBytes === undefined ? -1 : digitsValue(this.valueBytes, this.valueStart, this.valueEnd);
        const raw = direct >= 0 ? '' : this.rawValue();
        if (direct < 0 && raw === '') return null;
        // digits with XML white space around them; not `Number`'s reading (0.5, 1e1, " "):
        // the table takes a fractional index for the whole of its buffer
        const index = direct >= 0 ? direct : /^[ \t\r\n]*[0-9]{1,15}[ \t\r\n]*$/.test(raw) ? Number(raw) : -1;
        const text = this.book.sharedStrings.get(index);
        if (text === undefined) throw this.bad('shared string missing');
        return text === '' ? null : { column, type: 'string', value: text };
      }
      case 'inlineStr':
        return this.inline === '' ? null : { column, type: 'string', value: this.inline };
      case 'str': {
        const raw = this.rawValue();
        return raw === '' ? null : { column, type: 'string', value: raw };
      }
      case 'b': {
        const raw = this.rawValue();
        if (raw === '') return null;
        if (raw !== '0' && raw !== '1') throw this.bad('boolean');
        return { column, type: 'boolean', value: raw === '1' };
      }
      case 'e': {
        const raw = this.rawValue();
        return raw === '' ? null : { column, type: 'error', value: raw };
      }
      case 'd': {
        const raw = this.rawValue();
        return raw === '' ? null : { column, type: 'date', value: raw.length > 19 ? raw.slice(0, 19) : raw };
      }
      case 'n': {
        const raw = this.rawValue().trim();
        if (raw === '') return null;
        // as SpreadsheetML writes a number (xsd:double); `Number` alone would also take 0x1A, 0b1, Infinity
        if (!NUMBER.test(raw)) throw this.bad('number');
        const n = Number(raw);
        if (!Number.isFinite(n)) throw this.bad('number');
        if (this.book.dateStyles[this.style] === true) {
          const iso = serialToIso(n, this.book.date1904);
          if (iso !== null) return { column, type: 'date', value: iso };
        }
        return { column, type: 'number', value: n };
      }
      default:
        throw this.bad(`type ${this.cellType}`);
    }
  }
}

export function readSheetRows(
  zip: OpenedZip,
  sheet: { name: string; part: string },
  book: WorkbookStructure,
  limits: XlsxLimits,
  counts: ReadCounts,
  onRow: (row: XlsxRow) => void,
): Promise<void> {
  return scanXmlPart(zip, sheet.part, new SheetRowEvents(sheet.name, book, limits, counts, onRow));
}
