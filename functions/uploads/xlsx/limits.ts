/**
 * The hard limits of the spreadsheet reader. Each is checked twice where it can be: against
 * what the zip's central directory declares (before anything is inflated) and against what
 * is actually inflated and parsed (a lying header must not get through). Defaults fit the
 * largest list a school sends (a whole center's students: 300,000 rows of 8 columns is
 * ~13 MB zipped and ~102 MB of sheet XML) with room, and keep a bomb's cost bounded.
 */
export interface XlsxLimits {
  /** the uploaded object itself (what storage reports) */
  readonly maxCompressedBytes: number;
  /** files inside the zip */
  readonly maxEntries: number;
  /** one part (e.g. a worksheet's XML), uncompressed */
  readonly maxPartBytes: number;
  /** every part together, uncompressed */
  readonly maxTotalBytes: number;
  /** uncompressed ÷ compressed, per part; sheet XML is typically 5–20 */
  readonly maxCompressionRatio: number;
  /** parts smaller than this are not held to the ratio (tiny parts compress oddly, harmlessly) */
  readonly ratioExemptBytes: number;
  /** rows with at least one value, over the sheets read */
  readonly maxRows: number;
  /** cells with a value, over the sheets read */
  readonly maxCells: number;
  /** characters of one string (Excel's own cap on a cell is 32,767) */
  readonly maxStringLength: number;
  /** entries of the shared-string table */
  readonly maxSharedStrings: number;
  /** characters of the shared-string table together (it is held in memory) */
  readonly maxSharedStringChars: number;
  /** worksheets in the workbook */
  readonly maxSheets: number;
  /** bytes fetched from the source per ranged read */
  readonly readChunkBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxCompressedBytes: 32 * MiB,
  maxEntries: 1_000,
  maxPartBytes: 192 * MiB,
  maxTotalBytes: 256 * MiB,
  maxCompressionRatio: 100,
  ratioExemptBytes: 1 * MiB,
  maxRows: 500_000,
  maxCells: 5_000_000,
  maxStringLength: 32_767,
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 32 * MiB,
  maxSheets: 64,
  readChunkBytes: 4 * MiB,
};

export function xlsxLimits(overrides: Partial<XlsxLimits> = {}): XlsxLimits {
  return { ...DEFAULT_XLSX_LIMITS, ...overrides };
}
