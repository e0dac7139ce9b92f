/**
 * The content check of each purpose, in one table: the validator reads the object through
 * a `ByteSource` and hands it to the check its purpose names.
 *
 * PLUG-IN POINT (issue #12). The image checks (branch image-check, `domain/uploads/images/`:
 * magic bytes, dimensions per purpose, EXIF orientation, truncation) and the spreadsheet
 * checks (branch xlsx-reader, `functions/uploads/xlsx/` and `domain/uploads/templates/`:
 * every cell, the annotated copy, the 督学统计表's completeness) are written in parallel.
 * Until they merge, every purpose maps to `noContentCheckYet`: the validator still refuses
 * what it checks itself (empty, too large, size or type other than declared), but a
 * well-named, right-sized file with bad content is accepted. Replace the rows below with
 * the real checks; each must have the `ContentCheck` signature.
 */
import type { ByteSource, UploadProblem } from '../../domain/uploads/ports.js';
import type { UploadPurpose } from '../../domain/uploads/purposes.js';
import type { RosterEntry } from '../../domain/uploads/naming.js';

export interface ContentCheckContext {
  readonly purpose: UploadPurpose;
  readonly tenantId: string;
  readonly classId: string;
  readonly termId?: string;
  readonly fileName: string;
  /** The class's students, for sheets matched against the roster. */
  readonly roster: readonly RosterEntry[];
  /** Where an annotated copy may be written (reports bucket): the spreadsheet check writes it and returns the key. */
  readonly annotatedKey: string;
}

export interface ContentCheckResult {
  /** The problems to list (the first 1,000 are kept). */
  readonly problems: readonly UploadProblem[];
  /** Every problem found, when more were found than listed. */
  readonly problemCount?: number;
  /** 督学统计表: every required cell of every student on the roster filled. */
  readonly complete?: boolean;
  /** The annotated copy, when one was written. */
  readonly annotatedKey?: string;
  /** Spreadsheets of a batch: the student numbers their rows list, for the cross-check. */
  readonly listedStudents?: readonly string[];
}

export type ContentCheck = (source: ByteSource, context: ContentCheckContext) => Promise<ContentCheckResult>;

/** No content check yet (see the header): finds nothing, decides nothing. */
export const noContentCheckYet: ContentCheck = async () => ({ problems: [] });

export const contentChecks: Readonly<Record<UploadPurpose, ContentCheck>> = {
  'withdrawal-form': noContentCheckYet, // image-check: JPG/PNG by magic bytes, ≥ 200×200, ≤ 10 MB, upright
  'change-evidence': noContentCheckYet, // image-check: as above
  'graduation-photo': noContentCheckYet, // image-check: exactly 480 wide × 640 high
  'new-student-photo': noContentCheckYet, // image-check
  'withdrawal-list': noContentCheckYet, // xlsx-reader: sorted by number, one row per student; returns listedStudents
  'change-table': noContentCheckYet, // xlsx-reader; returns listedStudents
  'exemption-table': noContentCheckYet, // xlsx-reader: 8-digit center code, subject code list, /记录行结束/
  'supervision-sheet': noContentCheckYet, // xlsx-reader: returns complete
};
