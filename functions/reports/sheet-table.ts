/**
 * One sheet of the term-end workbook as a table: a header row that stays frozen and
 * carries the filter, column widths, and a row per item, each cell a string, a number or
 * a date (an Excel date cell with a date format, never text). Rows are committed as they
 * are written, so the streaming writer holds one row at a time; every ROWS_PER_YIELD rows
 * the event loop turns, so the zip stream can deflate what was written and memory stays
 * flat however many findings there are.
 */
import { setImmediate as turn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { type Label, type ReportLanguage, say } from './workbook-labels.js';

export type CellValue = string | number | Date | null;

export interface Column<Row> {
  readonly header: Label;
  /** in characters, as Excel counts them (a CJK character is about two) */
  readonly width: number;
  /** e.g. 'yyyy-mm-dd', '0.0%'; the cells of this column take it */
  readonly numFmt?: string;
  readonly value: (row: Row) => CellValue;
  /** a format for one cell where the column's does not fit (a rate measure's figures) */
  readonly cellNumFmt?: (row: Row) => string | undefined;
}

/** Excel keeps at most 32,767 characters in a cell; longer id lists are cut, the JSON twin has them whole. */
const CELL_LIMIT = 32_767;
const ROWS_PER_YIELD = 2_000;

export function fitCell(text: string): string {
  if (text.length <= CELL_LIMIT) return text;
  const cut = text.lastIndexOf(', ', CELL_LIMIT - 40);
  const rest = text.slice(cut).split(', ').length - 1;
  return `${text.slice(0, cut)} … (+${rest})`;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle' },
};

/**
 * One style object per number format, shared by every cell that has it. exceljs gives each
 * new cell a style object of its own, and the writer then renders each one's XML to find
 * its style id; a shared object is looked up once and remembered (a WeakMap inside
 * exceljs), which makes writing several times faster.
 */
const GENERAL: Partial<ExcelJS.Style> = {};
const BY_FORMAT = new Map<string, Partial<ExcelJS.Style>>();

function styleOf(numFmt: string | undefined): Partial<ExcelJS.Style> {
  if (numFmt === undefined) return GENERAL;
  let style = BY_FORMAT.get(numFmt);
  if (!style) BY_FORMAT.set(numFmt, (style = Object.freeze({ numFmt })));
  return style;
}

export interface TableOptions {
  /** called with the sheet and the data rows' range (e.g. 'K2:K40') before it is committed */
  readonly decorate?: (sheet: ExcelJS.Worksheet, columnRange: (columnIndex: number) => string | null) => void;
}

export async function writeTable<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: Label,
  language: ReportLanguage,
  columns: readonly Column<Row>[],
  rows: Iterable<Row>,
  options: TableOptions = {},
): Promise<void> {
  const sheet = workbook.addWorksheet(say(name, language), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => say(c.header, language)));
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  header.commit();

  let count = 0;
  for (const row of rows) {
    const added = sheet.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => (added.getCell(i + 1).style = styleOf(c.cellNumFmt?.(row) ?? c.numFmt)));
    added.commit();
    count += 1;
    if (count % ROWS_PER_YIELD === 0) await turn();
  }

  const last = columnLetter(columns.length);
  sheet.autoFilter = `A1:${last}${count + 1}`;
  options.decorate?.(sheet, (i) => (count === 0 ? null : `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${count + 1}`));
  sheet.commit();
}

/** 1 → A, 27 → AA */
function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
