/**
 * Facts the rules turn on that arrive from other systems or offices (finance's tuition
 * figures, a class's graduation, a counselor's teaching hours): one versioned document each,
 * kept with its class or staff member, changed with If-Match, stamped with who set it when.
 */
import type { ClassInfo, ExamSession, Roster } from './compliance/index.js';

/** Whose fact it is: `class:<classId>`, `staff:<userId>`, or `tenant:` (programmes, offerings, warning runs). */
export type FactOwner = `class:${string}` | `staff:${string}` | 'tenant:';

export interface StoredFact<C = unknown> {
  readonly tenantId: string;
  readonly owner: FactOwner;
  /** What it is, e.g. `TUITION#2025-autumn`, `GRADUATION`. */
  readonly fact: string;
  readonly content: C;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const factKeys = {
  tuition: (termId: string) => `TUITION#${termId}`,
  tuitionAll: 'TUITION#',
  graduation: 'GRADUATION',
  exam: (examId: string) => `EXAM#${examId}`,
  examAll: 'EXAM#',
  teachingHours: (termId: string) => `TEACHING-HOURS#${termId}`,
  teachingHoursAll: 'TEACHING-HOURS#',
  recruitment: (termId: string) => `RECRUITMENT#${termId}`,
  recruitmentAll: 'RECRUITMENT#',
  /** The class's failed-course counts as the latest warning run left them. */
  failedCourses: 'FAILED-COURSES',
} as const;

/** Failed courses in total per student of a class, from the warning run of a term (REG-STATUS-PROCESSING's input). */
export interface FailedCourseCounts {
  readonly termId: string;
  readonly documentOn: string;
  readonly students: readonly { readonly studentNumber: string; readonly count: number }[];
}

/** The part of a fact's name after its prefix: the term or exam it is about. */
export const factSuffix = (fact: StoredFact, prefix: string) => fact.fact.slice(prefix.length);

/** A class's graduation (seed 000 毕业管理, 学籍档案整理 4): the day, the application day, who graduates (default: the whole class). */
export interface Graduation {
  readonly graduatesOn: string;
  readonly applicationOn?: string;
  readonly studentNumbers?: readonly string[];
}

/** An exam session of a class (seed 000 考务管理): booking window, exam day, and who had not acted when the follow-ups began. */
export type ExamSessionFact = Pick<ExamSession, 'bookingOpensOn' | 'bookingClosesOn' | 'examOn'> & {
  readonly unbookedStudents: ExamSession['unbookedStudentIds'];
  readonly unconfirmedStudents: ExamSession['unconfirmedStudentIds'];
};

/** A counselor's teaching hours (学时) in a term (seed 002 八(四)). */
export interface TeachingHours {
  readonly hours: number;
}

/** A class teacher's referral (老带新) and continuation (续读) in a term: the target the center sets, and the result. */
export type Recruitment = Omit<NonNullable<Roster['recruitment']>[number], 'staffId' | 'termId'>;

/** Finance's figures for one class and term (seed 002 二(八) 学费催缴): billed and paid per student, in yuan. */
export interface Tuition {
  readonly students: readonly { readonly studentNumber: string; readonly billed: number; readonly paid: number }[];
}

const fen = (yuan: number) => Math.round(yuan * 100);

/**
 * CO-TUITION's figures: students billed and students fully paid (the default rate), and the
 * amounts billed and paid, in fen (paid counted up to what was billed, so one student's
 * prepayment does not cover another's debt) for tenants that rate by amount.
 */
export function tuitionFigures(termId: string, tuition: Tuition): NonNullable<ClassInfo['tuition']>[number] {
  const billed = tuition.students.filter((s) => s.billed > 0);
  return {
    termId,
    billed: billed.length,
    paid: billed.filter((s) => fen(s.paid) >= fen(s.billed)).length,
    billedAmount: billed.reduce((sum, s) => sum + fen(s.billed), 0),
    paidAmount: billed.reduce((sum, s) => sum + Math.min(fen(s.paid), fen(s.billed)), 0),
  };
}
