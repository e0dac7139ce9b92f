/**
 * The annotated copy of a checked spreadsheet: the rows the checks read, written again
 * with every bad cell highlighted and commented (Chinese, then English), for the uploader
 * to fix and send again. Our reader streams the original a second time (it was checked on
 * the first pass, within the same limits) and exceljs's streaming writer writes the copy
 * to a writable as the rows pass, so neither workbook is ever held whole. The copy keeps
 * values (text, numbers, dates, booleans, errors), not the original's formatting.
 * Problems beyond the annotation bound (see domain/uploads/problem-log.ts) are not marked.
 *
 * exceljs is for the validator and report functions only, never an HTTP function.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { inLanguage } from '../../domain/bilingual.js';
import type { ByteSource, UploadProblem } from '../../domain/uploads/ports.js';
import type { SheetCell, SheetRow } from '../../domain/uploads/spreadsheet.js';
import { readXlsx, type XlsxReadOptions, type XlsxReadOutcome } from './xlsx/index.js';

/** Light red, as Excel's own "bad" cell style. */
export const HIGHLIGHT_ARGB = 'FFFFC7CE';
const HIGHLIGHT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } };
const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

function cellValue(cell: SheetCell): ExcelJS.CellValue {
  switch (cell.type) {
    case 'date': {
      const m = DAY.exec(cell.value as string);
      if (!m) return cell.value as string;
      return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
    }
    case 'error':
      return { error: cell.value as ExcelJS.CellErrorValue['error'] };
    default:
      return cell.value as string | number | boolean;
  }
}

/** What the comment on a cell says: each problem in Chinese, then in English. */
export function commentText(problems: readonly UploadProblem[]): string {
  return problems.map((p) => `${inLanguage(p.message, true)}\n${inLanguage(p.message, false)}`).join('\n\n');
}

/** Problems by sheet, then row, then column. */
function index(problems: readonly UploadProblem[]): Map<string, Map<number, Map<string, UploadProblem[]>>> {
  const bySheet = new Map<string, Map<number, Map<string, UploadProblem[]>>>();
  for (const p of problems) {
    if (p.sheet === undefined || p.row === undefined || p.column === undefined) continue;
    let rows = bySheet.get(p.sheet);
    if (!rows) bySheet.set(p.sheet, (rows = new Map()));
    let cols = rows.get(p.row);
    if (!cols) rows.set(p.row, (cols = new Map()));
    const list = cols.get(p.column);
    if (list) list.push(p);
    else cols.set(p.column, [p]);
  }
  return bySheet;
}

export async function writeAnnotatedCopy(
  source: ByteSource,
  problems: readonly UploadProblem[],
  out: Writable,
  options: XlsxReadOptions = {},
): Promise<XlsxReadOutcome & { readonly marked?: number }> {
  const marks = index(problems);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  let sheet: ExcelJS.Worksheet | null = null;
  let sheetName = '';
  let sheetMarks = new Map<number, Map<string, UploadProblem[]>>();
  let pendingRows: number[] = [];
  let marked = 0;
  const started = new Set<string>();

  const mark = (target: ExcelJS.Row, cols: Map<string, UploadProblem[]>) => {
    for (const [column, list] of cols) {
      const c = target.getCell(column);
      c.fill = HIGHLIGHT;
      c.note = commentText(list);
      marked++;
    }
    // a row whose only marks are on empty cells has no value; its height makes exceljs write it
    if (!target.hasValues) target.height = 15;
  };
  /** Rows with marks but no data (a required cell of a missing row, a missing end marker) up to `before`. */
  const flushMarkedRows = (before: number) => {
    while (pendingRows.length > 0 && (pendingRows[0] as number) < before) {
      const n = pendingRows.shift() as number;
      const target = (sheet as ExcelJS.Worksheet).getRow(n);
      mark(target, sheetMarks.get(n) as Map<string, UploadProblem[]>);
      target.commit();
    }
  };
  const closeSheet = () => {
    if (!sheet) return;
    flushMarkedRows(Number.MAX_SAFE_INTEGER);
    sheet.commit();
  };

  const onRow = (row: SheetRow) => {
    if (row.sheet !== sheetName || !sheet) {
      closeSheet();
      sheetName = row.sheet;
      sheet = book.addWorksheet(row.sheet);
      started.add(row.sheet);
      sheetMarks = marks.get(row.sheet) ?? new Map();
      pendingRows = [...sheetMarks.keys()].sort((a, b) => a - b);
    }
    flushMarkedRows(row.row);
    const target = sheet.getRow(row.row);
    for (const c of row.cells) {
      const written = target.getCell(c.column);
      written.value = cellValue(c);
      if (c.type === 'date') written.numFmt = (c.value as string).length > 10 ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
    }
    const cols = sheetMarks.get(row.row);
    if (cols) {
      mark(target, cols);
      if (pendingRows[0] === row.row) pendingRows.shift(); // rows come in order: it is first
    }
    target.commit();
  };

  const outcome = await readXlsx(source, onRow, options);
  if (!outcome.ok) return outcome;
  closeSheet();
  // A sheet with marks but no row read (a table with no header at all) still shows them.
  for (const [name, rows] of marks) {
    if (started.has(name)) continue;
    sheet = book.addWorksheet(name || 'Sheet1');
    sheetMarks = rows;
    pendingRows = [...rows.keys()].sort((a, b) => a - b);
    closeSheet();
  }
  await book.commit();
  return { ...outcome, marked };
}
