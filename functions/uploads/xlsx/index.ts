/**
 * The spreadsheet reader for upload validation: an .xlsx read by range from a
 * `ByteSource`, its rows handed to `onRow` as they stream past, within hard limits
 * (`limits.ts`). A file that breaks a limit or is no workbook is refused with a named
 * `UploadProblem`; only a failure of the storage behind the source is thrown.
 */
import type { ByteSource, UploadProblem } from '../../../domain/uploads/ports.js';
import { xlsxLimits, type XlsxLimits } from './limits.js';
import { XlsxRefusal } from './refusals.js';
import { readSheetRows, type ReadCounts } from './sheet-rows.js';
import type { XlsxRow } from './cell-values.js';
import { readWorkbookStructure } from './workbook-structure.js';
import { SourceReadError, openZip } from './zip.js';

export type { XlsxCell, XlsxRow, CellType } from './cell-values.js';
export { columnLetters, columnNumber, serialToIso } from './cell-values.js';
export { DEFAULT_XLSX_LIMITS, xlsxLimits, type XlsxLimits } from './limits.js';

export interface XlsxReadOptions {
  readonly limits?: Partial<XlsxLimits>;
  /** read only the first worksheet (templates keep their table there); default all */
  readonly firstSheetOnly?: boolean;
}

export type XlsxReadOutcome =
  | { readonly ok: true; readonly sheets: readonly string[]; readonly rows: number; readonly cells: number }
  | { readonly ok: false; readonly problem: UploadProblem };

/** Reads the workbook, calling `onRow` for each row with a value, in sheet then row order. */
export async function readXlsx(source: ByteSource, onRow: (row: XlsxRow) => void, options: XlsxReadOptions = {}): Promise<XlsxReadOutcome> {
  const limits = xlsxLimits(options.limits);
  try {
    const zip = await openZip(source, limits);
    try {
      const book = await readWorkbookStructure(zip, limits);
      const sheets = options.firstSheetOnly ? book.sheets.slice(0, 1) : book.sheets;
      const counts: ReadCounts = { rows: 0, cells: 0 };
      for (const sheet of sheets) await readSheetRows(zip, sheet, book, limits, counts, onRow);
      return { ok: true, sheets: sheets.map((s) => s.name), rows: counts.rows, cells: counts.cells };
    } finally {
      zip.close();
    }
  } catch (error) {
    if (error instanceof XlsxRefusal) return { ok: false, problem: error.problem };
    if (error instanceof SourceReadError) throw error.original;
    throw error;
  }
}

/** A `ByteSource` over bytes in memory (tests, and small objects already fetched). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.byteLength, end)),
  };
}
