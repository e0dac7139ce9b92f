/**
 * The warning run as a job: a run is accepted with the unit's classes, each class's list is
 * worked out on its own (who is warned depends only on the student's own results) and kept
 * in pages, and the run finishes once every class has joined. The pages keep the list
 * without a ceiling: no single item holds a unit's list.
 *
 * A class joins `done` (its list kept, its statuses written) or, when its message fails on
 * the last delivery the queue allows, `failed` (nothing of it kept). The run finishes `done`
 * when no class failed, else `failed`, naming the classes that did. Done is final for a
 * class; a failed class may join again: a late delivery of the same round, or the round
 * that issuing the same document again opens on a failed run (`mayReopen`).
 */
import type { LocalDate } from '../calendar/index.js';
import type { AcademicSettings } from './results.js';
import type { ListedStudent, WarningList } from './warning-run.js';

export type WarningRunStatus = 'running' | 'done' | 'failed';
/** How a class joined its run; a class that has not joined has no outcome. */
export type ClassOutcome = 'done' | 'failed';

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
  /** Classes joined `done`: their lists are kept and their counts added. */
  readonly classesDone: number;
  /** Classes joined `failed` and not joined again since, in code-unit order. */
  readonly failedClasses: readonly string[];
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

/** A class joins over the outcome it has: once done it never joins again (not twice, never turned failed). */
export const mayJoin = (current: ClassOutcome | undefined): boolean => current !== 'done';

/** How the run ends once every class has joined: done when none failed, else failed; undefined while classes are outstanding. */
export function warningRunOutcome(run: Pick<WarningRun, 'classIds' | 'classesDone' | 'failedClasses'>): 'done' | 'failed' | undefined {
  if (run.classesDone + run.failedClasses.length < run.classIds.length) return undefined;
  return run.failedClasses.length === 0 ? 'done' : 'failed';
}

/**
 * Issuing the same document again runs a failed issued run again: its failed classes are
 * outstanding once more, what the done classes kept and wrote stays. Not a done run (final),
 * a running one (under way), or a preview (each preview is its own run, previewed anew).
 */
export const mayReopen = (run: Pick<WarningRun, 'status' | 'issue'>): boolean => run.status === 'failed' && run.issue;

/** The classes a running run still needs a message for: every class not joined done. */
export const classesToSend = (run: Pick<WarningRun, 'classIds'>, outcomes: ReadonlyMap<string, ClassOutcome>): string[] =>
  run.classIds.filter((classId) => outcomes.get(classId) !== 'done');

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
