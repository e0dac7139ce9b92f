/**
 * The warning run as a job: a run is accepted with the unit's classes, each class's list is
 * worked out on its own (who is warned depends only on the student's own results) and kept
 * in pages, and the run is done once every class has joined. The pages keep the list
 * without a ceiling: no single item holds a unit's list.
 */
import type { LocalDate } from '../calendar/index.js';
import type { AcademicSettings } from './results.js';
import type { ListedStudent, WarningList } from './warning-run.js';

export type WarningRunStatus = 'running' | 'done';

export interface WarningRun {
  readonly tenantId: string;
  readonly runId: string;
  readonly unitId: string;
  readonly termId: string;
  readonly documentOn: LocalDate;
  readonly documentRef: string;
  /** true: issued under the document (statuses and counts written); false: a preview, which writes nothing else. */
  readonly issue: boolean;
  /** The settings in force when it was accepted: every class is judged by the same. */
  readonly settings: AcademicSettings;
  readonly processingDueOn?: LocalDate;
  /** The unit's classes when it was accepted: the run is done when each has joined. */
  readonly classIds: readonly string[];
  readonly classesDone: number;
  readonly warnedCount: number;
  readonly processingCount: number;
  readonly status: WarningRunStatus;
  readonly acceptedBy: string;
  readonly acceptedAt: string;
  readonly finishedAt?: string;
}

/** What one class adds to its run. */
export interface ClassListing {
  readonly classId: string;
  readonly pages: readonly WarningListPage[];
  readonly warnedCount: number;
  readonly processingCount: number;
}

/** One kept page: some of one class's entries, at most the page size of them in all. */
export interface WarningListPage {
  readonly classId: string;
  readonly page: number;
  readonly warned: readonly ListedStudent[];
  readonly processing: readonly ListedStudent[];
  readonly failedTotals: WarningList['failedTotals'];
}

/** Every class has joined: the lists are complete. */
export const warningRunComplete = (run: Pick<WarningRun, 'classIds' | 'classesDone'>): boolean => run.classesDone >= run.classIds.length;

/**
 * A class's list cut into pages of at most `pageSize` entries (warned, then processing, then
 * the failed totals, each in student-number order), numbered from 0. A class with nobody in
 * it has no page.
 */
export function pagesOfClass(classId: string, list: Pick<WarningList, 'warned' | 'processing' | 'failedTotals'>, pageSize: number): WarningListPage[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size ${pageSize} is not a positive whole number`);
  const entries = [
    ...list.warned.map((entry) => ({ list: 'warned' as const, entry })),
    ...list.processing.map((entry) => ({ list: 'processing' as const, entry })),
    ...list.failedTotals.map((entry) => ({ list: 'failedTotals' as const, entry })),
  ];
  const pages: WarningListPage[] = [];
  for (let start = 0; start < entries.length; start += pageSize) {
    const slice = entries.slice(start, start + pageSize);
    pages.push({
      classId,
      page: pages.length,
      warned: slice.flatMap((e) => (e.list === 'warned' ? [e.entry as ListedStudent] : [])),
      processing: slice.flatMap((e) => (e.list === 'processing' ? [e.entry as ListedStudent] : [])),
      failedTotals: slice.flatMap((e) => (e.list === 'failedTotals' ? [e.entry as WarningList['failedTotals'][number]] : [])),
    });
  }
  return pages;
}
