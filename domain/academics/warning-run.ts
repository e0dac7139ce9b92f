/**
 * The warning run (学籍预警, seed 003 学籍管理员日常工作 4): after each make-up round the
 * registrar warns the students with failed courses in the term, and lists for status
 * processing (学籍处理) those with four or more failed courses in total, due within the first
 * month of the academic year ("一般在新学年第一学期开学一个月内完成").
 */
import { addMonths, dayOf, formatDay, type LocalDate } from '../calendar/index.js';
import { failedCourses, type AcademicSettings, type CourseResult } from './results.js';

export interface StudentResults {
  readonly studentNumber: string;
  readonly classId: string;
  readonly results: readonly CourseResult[];
}

export interface ListedStudent {
  readonly studentNumber: string;
  readonly classId: string;
  /** The courses counted: failed in the term (warned) or failed in total (processing). */
  readonly failedCourses: readonly string[];
}

export interface WarningList {
  readonly termId: string;
  readonly warned: readonly ListedStudent[];
  readonly processing: readonly ListedStudent[];
  /** The last day of the first month of the academic year the processing list is due in, when the configuration has that year. */
  readonly processingDueOn?: LocalDate;
  /** Failed courses in total of every student the run looked at: REG-STATUS-PROCESSING's input. */
  readonly failedTotals: readonly { readonly studentNumber: string; readonly classId: string; readonly count: number }[];
}

const byNumber = (a: { studentNumber: string }, b: { studentNumber: string }) => (a.studentNumber < b.studentNumber ? -1 : a.studentNumber > b.studentNumber ? 1 : 0);

/**
 * Who is warned and who goes onto the processing list for `termId`. A course counts as failed
 * once neither its regular nor its make-up result reaches the pass mark, and stops counting
 * once a later term's result passes it; results of later terms are not looked at.
 */
export function warningList(termId: string, students: readonly StudentResults[], settings: AcademicSettings, academicYears: readonly { readonly start: LocalDate }[] = [], documentOn?: LocalDate): WarningList {
  const warned: ListedStudent[] = [];
  const processing: ListedStudent[] = [];
  const failedTotals: WarningList['failedTotals'][number][] = [];
  for (const student of students) {
    const inTerm = failedCourses(student.results.filter((r) => r.termId === termId), settings.passMark);
    const total = failedCourses(student.results, settings.passMark, termId);
    failedTotals.push({ studentNumber: student.studentNumber, classId: student.classId, count: total.length });
    if (inTerm.length > 0 && inTerm.length >= settings.warningFailedCourses) warned.push({ studentNumber: student.studentNumber, classId: student.classId, failedCourses: inTerm });
    if (total.length >= settings.processingFailedCourses) processing.push({ studentNumber: student.studentNumber, classId: student.classId, failedCourses: total });
  }
  const dueOn = documentOn === undefined ? undefined : processingDueOn(documentOn, academicYears);
  return { termId, warned: warned.sort(byNumber), processing: processing.sort(byNumber), failedTotals: failedTotals.sort(byNumber), ...(dueOn !== undefined ? { processingDueOn: dueOn } : {}) };
}

/** The end of the first month of the first academic year whose first month has not passed by the document's day. */
export function processingDueOn(documentOn: LocalDate, academicYears: readonly { readonly start: LocalDate }[]): LocalDate | undefined {
  const ends = academicYears.map((year) => addMonths(dayOf(year.start), 1) - 1).filter((end) => end >= dayOf(documentOn)).sort((a, b) => a - b);
  return ends.length === 0 ? undefined : formatDay(ends[0]!);
}
