/**
 * Course results (成绩, seed 003 成绩管理工作流程): one per student, course and term, with
 * the make-up (补考) result once the make-up round has marked it. A course is passed when
 * the better of the two reaches the tenant's pass mark; credits earned are the credits of
 * the programme's courses passed, each course once whatever the term.
 */
import type { Programme } from './programmes.js';
import type { Violation } from '../violation.js';

/** The seeds name no other pass mark; a tenant sets its own in the configuration's `academics`. */
export const defaultPassMark = 60;
/** Scores are on a 100-point scale with at most one decimal place. */
export const maxScore = 100;

export interface ResultChange {
  readonly field: 'score' | 'makeUpScore';
  readonly from: number | undefined;
  readonly to: number;
  readonly reason: string;
  readonly requestedBy: string;
  readonly approvedBy: string;
  readonly at: string;
}

export interface CourseResult {
  readonly studentNumber: string;
  readonly classId: string;
  readonly termId: string;
  readonly courseCode: string;
  readonly score: number;
  readonly makeUpScore?: number;
  readonly enteredBy: string;
  readonly enteredAt: string;
  readonly makeUp?: { readonly by: string; readonly at: string };
  /** Approved corrections (成绩更正), oldest first: the old value kept with who and why. */
  readonly changes?: readonly ResultChange[];
}

export interface AcademicSettings {
  readonly passMark: number;
  /** Failed courses after the make-up round, in the term, that bring an academic warning. */
  readonly warningFailedCourses: number;
  /** Failed courses in total that put a student on the status-processing list. */
  readonly processingFailedCourses: number;
  /** Grade certificates issued to a graduate for job fairs. */
  readonly certificateLimit: number;
}

/**
 * Defaults: pass mark 60; one failed course warns (the seed leaves the count to the school's
 * 《学籍预警实施办法》 and names none, so the least: any failed course); four in total go to
 * status processing (seed 003 学籍管理员日常工作 4: 累计4门及4门以上); three certificates
 * (成绩证明: 不超过三次).
 */
export const defaultAcademicSettings: AcademicSettings = { passMark: defaultPassMark, warningFailedCourses: 1, processingFailedCourses: 4, certificateLimit: 3 };

export const academicSettingsOf = (configured: Partial<AcademicSettings> | undefined): AcademicSettings => ({ ...defaultAcademicSettings, ...configured });

/** The better of the regular and the make-up score. */
export const bestScore = (result: Pick<CourseResult, 'score' | 'makeUpScore'>): number => Math.max(result.score, result.makeUpScore ?? result.score);

export const passed = (result: Pick<CourseResult, 'score' | 'makeUpScore'>, passMark: number): boolean => bestScore(result) >= passMark;

/**
 * A term's place in time: spring comes before autumn in its year, so term ids do not sort
 * as text (`2025-autumn` < `2025-spring` alphabetically).
 */
export const termOrder = (termId: string): number => Number(termId.slice(0, 4)) * 2 + (termId.endsWith('-autumn') ? 1 : 0);

/** Courses the student has no passing result of, in any term up to and including `upToTerm`. */
export function failedCourses(results: readonly CourseResult[], passMark: number, upToTerm?: string): string[] {
  const considered = upToTerm === undefined ? results : results.filter((r) => termOrder(r.termId) <= termOrder(upToTerm));
  const passedCodes = new Set(considered.filter((r) => passed(r, passMark)).map((r) => r.courseCode));
  return [...new Set(considered.filter((r) => !passedCodes.has(r.courseCode)).map((r) => r.courseCode))].sort();
}

/** Credits of the programme's courses the student passed (each course once); results of courses outside the programme give none. */
export function creditsEarned(results: readonly CourseResult[], programme: Programme, passMark: number): number {
  const passedCodes = new Set(results.filter((r) => passed(r, passMark)).map((r) => r.courseCode));
  return programme.courses.filter((course) => passedCodes.has(course.code)).reduce((sum, course) => sum + course.credits, 0);
}

/**
 * A make-up result is for a course failed in the regular exam, entered once (a change after
 * that is a correction).
 */
export function makeUpViolations(result: CourseResult, passMark: number): Violation[] {
  if (result.makeUpScore !== undefined) return [{ path: ['makeUpScore'], code: 'result.make-up-entered', message: 'the make-up result is entered already; change it by a correction', zh: '补考成绩已录入，如需修改请申请成绩更正' }];
  if (result.score >= passMark) return [{ path: ['makeUpScore'], code: 'result.passed-already', message: `the course was passed with ${result.score}; there is no make-up`, zh: `该课程已以 ${result.score} 分通过，无需补考` }];
  return [];
}
