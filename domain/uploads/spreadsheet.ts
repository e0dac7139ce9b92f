/**
 * A spreadsheet's rows as the upload checks see them: the reader in functions/uploads/xlsx
 * produces them, the template checks here consume them.
 */
export type CellType = 'string' | 'number' | 'date' | 'boolean' | 'error';

export interface SheetCell {
  /** column letters as Excel shows them: A … XFD */
  readonly column: string;
  readonly type: CellType;
  /**
   * string: the text; number: the number; boolean: the flag; error: the code (`#N/A`);
   * date: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a time of day (no zone: Excel has none)
   */
  readonly value: string | number | boolean;
}

export interface SheetRow {
  readonly sheet: string;
  /** 1-based, as Excel numbers rows */
  readonly row: number;
  /** cells with a value, left to right */
  readonly cells: readonly SheetCell[];
}
