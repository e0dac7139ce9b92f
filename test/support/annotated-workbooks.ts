/**
 * Spreadsheets for the upload tests: a template's workbook written by exceljs, and the
 * annotated copy read back from its XML (fflate + our small XML reader, not exceljs, so the
 * check does not trust the library that wrote the copy).
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { SpreadsheetTemplate } from '../../domain/uploads/templates/index.js';
import { HIGHLIGHT_ARGB } from '../../functions/uploads/annotated-copy.js';
import { all, one, parseXml } from '../unit/reports/xlsx-reader.js';

/** The template's header row, then `rows`, on the first sheet. */
export async function templateWorkbook(template: SpreadsheetTemplate, rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(template.columns.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Highlighted cells (by the fill's colour), comments by cell, and the first sheet's rows, read from the copy's XML. */
export function readAnnotatedCopy(copy: Uint8Array) {
  const files = Object.fromEntries(Object.entries(unzipSync(copy)).map(([n, d]) => [n, strFromU8(d)]));
  const styles = parseXml(files['xl/styles.xml'] ?? '');
  const fills = all(one(styles, 'fills') ?? styles, 'fill').map((f) => one(f, 'fgColor')?.attributes['rgb'] === HIGHLIGHT_ARGB);
  const highlightedStyles = (one(styles, 'cellXfs')?.children ?? []).map((xf) => fills[Number(xf.attributes['fillId'] ?? 0)] === true);
  const sheet = parseXml(files['xl/worksheets/sheet1.xml'] ?? '');
  const highlighted = all(sheet, 'c')
    .filter((c) => highlightedStyles[Number(c.attributes['s'] ?? 0)])
    .map((c) => c.attributes['r'] ?? '');
  const commentsPart = Object.keys(files).find((n) => /^xl\/comments\d*\.xml$/.test(n));
  const comments = new Map(
    all(parseXml(commentsPart ? (files[commentsPart] ?? '') : '<x/>'), 'comment').map((c) => [c.attributes['ref'] ?? '', all(c, 't').map((t) => t.text).join('')]),
  );
  return { highlighted, comments, sheet, rows: all(sheet, 'row').length };
}
