/**
 * How a spreadsheet template is declared: its columns (the Chinese header text the form
 * prints, what a cell holds, whether it must be filled, its code list), the column that
 * identifies each row's student, the order rows must follow, what must be unique, and
 * the marker of the last row. Each template is declared once, in this folder; the checks
 * (../sheet-checks.ts) read nothing else.
 */

/** What a column's cells hold. */
export type ColumnKind =
  /** free text, NFC, no control characters, at most `maxLength` characters */
  | { readonly kind: 'text'; readonly maxLength: number }
  /** 学号: digits only (a number cell is taken as its digits) */
  | { readonly kind: 'student-number' }
  /** 毕业生电子注册号: 18 digits starting 51161 (国家开放大学's school code) */
  | { readonly kind: 'registration-number' }
  /** exactly `length` digits, zero-padded, kept as text (a number cell loses its zeros) */
  | { readonly kind: 'fixed-digits'; readonly length: number }
  /** one of a code list's codes (tenant-editable lists: ./code-lists.ts) */
  | { readonly kind: 'code'; readonly list: CodeListName }
  /** a whole number from `min` to `max` */
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** a calendar date, no later than the day of checking and at most `maxDaysBack` before it */
  | { readonly kind: 'date'; readonly maxDaysBack: number };

export type CodeListName = 'exemption-subjects' | 'exemption-reasons' | 'student-standing' | 'information-items' | 'change-causes' | 'supervision-marks';

export interface TemplateColumn {
  /** stable name for code and results */
  readonly key: string;
  /** the header cell's text, as the form prints it */
  readonly header: string;
  /** for English messages */
  readonly headerEn: string;
  readonly type: ColumnKind;
  /** must be filled on every row; `requiredWhen` narrows it to rows where another column holds one of the values */
  readonly required: boolean;
  readonly requiredWhen?: { readonly column: string; readonly values: readonly string[] };
}

/** How a row names its student, matched against the roster. */
export interface StudentIdentity {
  /** column of the student number (学号), or of the registration number (注册证号) on rows whose `byRegistrationWhen` holds */
  readonly numberColumn: string;
  readonly nameColumn: string;
  /** rows naming graduates by registration number instead (information-change table) */
  readonly registrationColumn?: string;
  readonly byRegistrationWhen?: { readonly column: string; readonly values: readonly string[] };
}

export interface SpreadsheetTemplate {
  readonly id: TemplateId;
  readonly title: { readonly zh: string; readonly en: string };
  /** where the seed says so, quoted */
  readonly source: string;
  readonly columns: readonly TemplateColumn[];
  readonly identity: StudentIdentity;
  /** rows ascend by the identity's number (within each group of `groupBy`, when set) */
  readonly ascending: boolean;
  readonly groupBy?: string;
  /** column keys whose values together may appear on one row only */
  readonly unique: readonly (readonly string[])[];
  /** text of the first cell of the row that ends the table */
  readonly lastRowMarker?: string;
  /** the class's roster must be covered: one row per student (督学统计表) */
  readonly coversClassRoster: boolean;
}

export type TemplateId = 'withdrawal-list' | 'information-change' | 'exemption' | 'supervision-sheet';
