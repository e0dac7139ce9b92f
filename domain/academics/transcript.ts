/**
 * A student's transcript (成绩单) as one reader may see it: the programme, every result and
 * the credits earned, with the grades (scores, pass/fail, corrections, credits earned)
 * masked where the reader may not see them (DOMAIN.md §7). The JSON transcript and the
 * .xlsx export are both built from this, so the workbook never shows more than the JSON.
 *
 * Grades are seen per term: a registrar of the student's unit sees every term's; a course
 * teacher the terms they teach the student's class; a grant of `grades` reveals every term
 * (and the read through it is logged by the caller before the grades leave).
 */
import type { Enrolment, Programme } from './programmes.js';
import { creditsEarned, passed, termOrder, type AcademicSettings, type CourseResult, type ResultChange } from './results.js';

/** Which grades the reader sees, as decided in domain/access.ts (`gradeTermsSeen`) and the reader's grants. */
export interface GradeAccess {
  /** Every term's grades by their work. */
  readonly everyTerm: boolean;
  /** The terms whose grades they see by their work (a course teacher's terms with the class). */
  readonly terms: ReadonlySet<string>;
  /** A grant in force revealing the student's grades, if the reader holds one. */
  readonly grantId?: string | undefined;
}

export interface TranscriptInput {
  readonly student: { readonly studentNumber: string; readonly name: string };
  readonly classId: string;
  readonly siteId: string;
  readonly enrolment?: Enrolment | undefined;
  readonly programme?: Programme | undefined;
  readonly settings: AcademicSettings;
  readonly results: readonly (CourseResult & { readonly version: number })[];
}

export interface TranscriptRow {
  readonly termId: string;
  readonly courseCode: string;
  readonly courseName?: string;
  readonly credits?: number;
  readonly version: number;
  readonly score?: number;
  readonly makeUpScore?: number;
  readonly passed?: boolean;
  readonly changes?: readonly ResultChange[];
}

export interface Transcript {
  readonly studentNumber: string;
  readonly name: string;
  readonly classId: string;
  readonly siteId: string;
  readonly programme: {
    readonly majorId: string;
    readonly name: string;
    readonly level: Programme['level'];
    readonly studentType: Programme['studentType'];
    readonly grade: string;
    readonly requiredCredits: number;
  } | null;
  readonly passMark: number;
  readonly creditsEarned?: number;
  readonly results: readonly TranscriptRow[];
  readonly maskedFields: readonly 'grades'[];
}

export interface TranscriptView {
  readonly transcript: Transcript;
  /** Grades shown only because of the grant: the caller logs the reveal before they leave. */
  readonly revealedByGrant: boolean;
}

const seenByWork = (access: GradeAccess, termId: string): boolean => access.everyTerm || access.terms.has(termId);

export function transcriptView(input: TranscriptInput, access: GradeAccess): TranscriptView {
  const { programme, settings, results } = input;
  const shownByGrant = access.grantId !== undefined;
  const shows = (termId: string) => shownByGrant || seenByWork(access, termId);
  // Credits earned sum passes over every term: shown only to a reader who sees every result's
  // grade (a course teacher of some terms would learn the others' passes from it). With no
  // results yet, to whoever sees grades of some term by their work or a grant.
  const seesEveryResult = shownByGrant || access.everyTerm || (access.terms.size > 0 && results.every((r) => access.terms.has(r.termId)));
  const rows = results.map((r): TranscriptRow => {
    const course = programme?.courses.find((c) => c.code === r.courseCode);
    return {
      termId: r.termId,
      courseCode: r.courseCode,
      ...(course !== undefined ? { courseName: course.name, credits: course.credits } : {}),
      version: r.version,
      ...(shows(r.termId)
        ? { score: r.score, ...(r.makeUpScore !== undefined ? { makeUpScore: r.makeUpScore } : {}), passed: passed(r, settings.passMark), ...(r.changes ? { changes: r.changes } : {}) }
        : {}),
    };
  });
  const transcript: Transcript = {
    studentNumber: input.student.studentNumber,
    name: input.student.name,
    classId: input.classId,
    siteId: input.siteId,
    programme:
      programme === undefined || input.enrolment === undefined
        ? null
        : { majorId: programme.majorId, name: programme.name, level: programme.level, studentType: programme.studentType, grade: input.enrolment.grade, requiredCredits: programme.requiredCredits },
    passMark: settings.passMark,
    ...(seesEveryResult && programme !== undefined ? { creditsEarned: creditsEarned(results, programme, settings.passMark) } : {}),
    results: rows,
    maskedFields: results.every((r) => shows(r.termId)) ? [] : ['grades'],
  };
  return { transcript, revealedByGrant: shownByGrant && results.some((r) => !seenByWork(access, r.termId)) };
}

/** The transcript's rows in time order (spring before autumn of a year), then by course code: the workbook's order. */
export function rowsInTermOrder(rows: readonly TranscriptRow[]): TranscriptRow[] {
  return [...rows].sort((a, b) => termOrder(a.termId) - termOrder(b.termId) || (a.courseCode < b.courseCode ? -1 : a.courseCode > b.courseCode ? 1 : 0));
}
