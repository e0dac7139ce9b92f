/**
 * The content check of each purpose, in one table: the validator reads the object through
 * a `ByteSource` and hands it to the check its purpose names. Images: checks/image-check.ts;
 * spreadsheets: checks/sheet-check.ts. The validator itself refuses what storage says of the
 * object (empty, too large, size or type other than declared) before any check opens it.
 */
import type { ByteSource, UploadProblem } from '../../domain/uploads/ports.js';
import type { ProblemCount } from '../../domain/uploads/problem-log.js';
import type { UploadPurpose } from '../../domain/uploads/purposes.js';
import type { RosterStudent } from '../../domain/uploads/sheet-checks.js';
import type { CodeLists } from '../../domain/uploads/templates/index.js';
import type { MissingCellRef } from '../../domain/uploads/upload.js';
import { imageContentCheck } from './checks/image-check.js';
import { sheetContentCheck } from './checks/sheet-check.js';

export interface ContentCheckContext {
  readonly purpose: UploadPurpose;
  readonly tenantId: string;
  /** Absent for a registry table uploaded for the whole unit. */
  readonly classId?: string;
  readonly termId?: string;
  readonly fileName: string;
  /**
   * The students a sheet's rows may name, each with its class: the class's, or the unit's
   * for the registry's tables (checks/students-of-upload.ts). The class's own are those
   * of `classId`.
   */
  readonly roster: readonly RosterStudent[];
  /** The day of checking (Asia/Shanghai), for dates in sheets that may not lie in the future. */
  readonly today: string;
  /** The tenant's code lists; a list not given is the default (domain/uploads/templates/code-lists.ts). */
  readonly codeLists?: Partial<CodeLists>;
  /** Where an annotated copy may be written (reports bucket): the spreadsheet check writes it and returns the key. */
  readonly annotatedKey: string;
  /** The file belongs to a batch: a list's students are kept for the batch's cross-check. */
  readonly inBatch?: boolean;
}

export interface ContentCheckResult {
  /** The problems to list (the first 1,000 are kept). */
  readonly problems: readonly UploadProblem[];
  /** Every problem found, when more were found than listed. */
  readonly problemCount?: number;
  /** Every problem found, per rule and column, when more were found than listed. */
  readonly problemCounts?: readonly ProblemCount[];
  /** 督学统计表: every required cell of every student on the roster filled. */
  readonly complete?: boolean;
  /** 督学统计表: the first cells missing (student, duty, column), and how many there are in all. */
  readonly missingCells?: readonly MissingCellRef[];
  readonly missingCellCount?: number;
  /** The annotated copy, when one was written. */
  readonly annotatedKey?: string;
  /** Spreadsheets of a batch: the student numbers their rows list, for the cross-check. */
  readonly listedStudents?: readonly string[];
}

export type ContentCheck = (source: ByteSource, context: ContentCheckContext) => Promise<ContentCheckResult>;

export const contentChecks: Readonly<Record<UploadPurpose, ContentCheck>> = {
  'withdrawal-form': imageContentCheck, // JPG/PNG by magic bytes, ≥ 200×200, ≤ 10 MB, upright, whole
  'change-evidence': imageContentCheck, // as above
  'graduation-photo': imageContentCheck, // and exactly 480 wide × 640 high
  'new-student-photo': imageContentCheck, // and portrait
  'withdrawal-list': sheetContentCheck, // sorted by number, one row per student; returns listedStudents
  'change-table': sheetContentCheck, // returns listedStudents
  'exemption-table': sheetContentCheck, // 8-digit center code, subject code list, /记录行结束/
  'supervision-sheet': sheetContentCheck, // returns complete
};
