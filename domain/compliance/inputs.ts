/**
 * What the compliance engine reads. These are the engine's own shapes, not the
 * API's or the table's: adapters map to them, so storage can change without
 * touching a rule.
 */
import type { AcademicYear, HolidayConfig, Instant, LocalDate, Term } from '../calendar/index.js';

/** Kinds of records staff submit (DOMAIN.md §3), plus the registrar's. */
export const RECORD_KINDS = [
  'term-plan',
  'monthly-report',
  'term-summary',
  'class-plan',
  'class-meeting',
  'committee-election',
  'committee-meeting',
  'talk',
  'parent-contact',
  'dorm-inspection',
  'class-check',
  'lecture-observation',
  'course-teacher-contact',
  'class-activity',
  'contact-list',
  'supervision-sheet',
  'recruitment',
  'exam-booking-followup',
  'exam-notice-followup',
  'graduation-photo',
  'archive-handover',
  'teaching-hours',
  'safety-incident',
  'textbook-order',
  'unregistered-list',
  'registration',
  'papers-archive',
  'makeup-exam',
  'makeup-results',
  'academic-warning-run',
  'status-processing-list',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export type ContactChannel = 'phone' | 'qq' | 'sms' | 'email' | 'visit' | 'platform';

/** A submitted record as the engine sees it. Optional fields matter only to some kinds. */
export interface EngineRecord {
  readonly id: string;
  readonly kind: RecordKind;
  readonly authorId: string;
  readonly classId?: string;
  /** When the thing happened (meeting held, talk, inspection); for documents, the document date. */
  readonly occurredOn: LocalDate;
  /** When it reached the system; evidence must arrive by the rule's due instant and by "as of". */
  readonly submittedAt: Instant;
  /** The period a document is for: a term id, or 'YYYY-MM' for a monthly report. */
  readonly covers?: string;
  /** Students concerned (talk, parent contact, follow-ups, photos, archive, lists). */
  readonly studentIds?: readonly string[];
  /** course-teacher-contact: whom */
  readonly courseTeacherId?: string;
  /** parent-contact: a routine call or a warning notification (学籍预警/处理/处分 通报) */
  readonly reason?: 'routine' | 'warning';
  readonly channel?: ContactChannel;
  /**
   * class-meeting: agenda, notice, sign-in and summary all present (seed 000
   * §2.2 "拟定每次班会的议程…做好班会通知、班会签到以及班会总结"); use
   * `isCompleteMeeting`. supervision-sheet: every field filled (总部核查完整性).
   */
  readonly complete?: boolean;
  /**
   * supervision-sheet, when incomplete: the first cells left empty (student number and duty,
   * at most `maxMissingCellsNamed` kept) and how many there are in all, for the finding to name.
   */
  readonly missingCells?: readonly { readonly studentNumber: string; readonly duty: string }[];
  readonly missingCellCount?: number;
  /** exam follow-ups: the exam session */
  readonly examId?: string;
  /** recruitment: 老带新 referral or 续读 continuation */
  readonly recruitKind?: 'referral' | 'continuation';
  /** teaching-hours: 学时 taught */
  readonly hours?: number;
  /** class-activity: last day of a multi-day activity */
  readonly endsOn?: LocalDate;
  /** class-activity: the written report's path (报负责人审核 → 网站发布) */
  readonly report?: {
    readonly writtenOn?: LocalDate;
    readonly approvedOn?: LocalDate;
    readonly publishedOn?: LocalDate;
  };
  /** unregistered-list: student numbers as written ("一定要注明8位学号") */
  readonly studentNumbers?: readonly string[];
  /** makeup-results / academic-warning-run: the makeup-exam record it follows */
  readonly relatesTo?: string;
}

/** Fields a class meeting needs before it counts toward CT-MEETING-*. */
export function isCompleteMeeting(m: {
  readonly agenda?: string | null;
  readonly noticeAt?: Instant | null;
  readonly signInStudentIds?: readonly string[] | null;
  readonly summary?: string | null;
}): boolean {
  return Boolean(m.agenda?.trim()) && m.noticeAt != null && (m.signInStudentIds?.length ?? 0) > 0 && Boolean(m.summary?.trim());
}

export interface ClassGraduation {
  /** 毕业申请 date: photos must be collected before it */
  readonly applicationOn?: LocalDate;
  /** graduation date: files go to the archive room within one month after */
  readonly graduatesOn?: LocalDate;
  /** graduating students; defaults to the whole class */
  readonly studentIds?: readonly string[];
}

export interface FormerHolder {
  readonly role: 'class-teacher' | 'counselor' | 'registrar';
  readonly userId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface ClassInfo {
  readonly id: string;
  readonly unitId?: string;
  /** The class is a new-student class (新生) in this term and returning (老生) after. */
  readonly firstTermId: string;
  /**
   * The first term is earlier than every configured one (a class brought in from another
   * system years after it enrolled): it is returning in every configured term.
   */
  readonly enteredBeforeConfiguredTerms?: boolean;
  /** Enrolment date (入学); defaults to the first term's start. */
  readonly enrolledOn?: LocalDate;
  readonly studentIds: readonly string[];
  /** Headcount (学生总数); defaults to studentIds.length. */
  readonly headcount?: number;
  readonly classTeacherId?: string;
  readonly counselorId?: string;
  readonly registrarId?: string;
  /**
   * Who held a role before a hand-over, and the days they held it (inclusive): their
   * records for the class still count, so a class handed over keeps its progress.
   */
  readonly formerHolders?: readonly FormerHolder[];
  /** Course teachers (任课教师) per term. */
  readonly courseTeachers?: readonly { readonly termId: string; readonly teacherIds: readonly string[] }[];
  /**
   * Tuition figures per term from finance: students billed and students fully paid; and the
   * amounts billed and paid (fen), read instead when CO-TUITION's `byAmount` is 1.
   */
  readonly tuition?: readonly {
    readonly termId: string;
    readonly billed: number;
    readonly paid: number;
    readonly billedAmount?: number;
    readonly paidAmount?: number;
  }[];
  readonly graduation?: ClassGraduation;
}

/** A student under academic warning, status processing or disciplinary sanction. */
export interface AtRiskStatus {
  readonly id: string;
  readonly studentId: string;
  readonly classId: string;
  readonly kind: 'academic-warning' | 'status-processing' | 'sanction';
  /** date of the college's document (学院文件下达) */
  readonly documentOn: LocalDate;
  /** when the status was lifted, if it was */
  readonly clearedOn?: LocalDate;
}

/** An exam session of a class: booking window and exam day, with who has not acted. */
export interface ExamSession {
  readonly id: string;
  readonly classId: string;
  readonly bookingOpensOn: LocalDate;
  /** last day of the booking window, inclusive */
  readonly bookingClosesOn: LocalDate;
  readonly examOn: LocalDate;
  /** students still without a booking when the last 2 days began */
  readonly unbookedStudentIds: readonly string[];
  /** students who had not confirmed the exam notice 2 days before the exam */
  readonly unconfirmedStudentIds: readonly string[];
}

export interface Roster {
  readonly classes: readonly ClassInfo[];
  readonly atRisk?: readonly AtRiskStatus[];
  readonly exams?: readonly ExamSession[];
  /** teaching hours (学时) per staff member and term, as academic affairs records them (CO-TEACHING-LOAD) */
  readonly teachingHours?: readonly { readonly staffId: string; readonly termId: string; readonly hours: number }[];
  /** referral (老带新) and continuation (续读) per class teacher and term: the target set for them and the result (CT-RECRUIT) */
  readonly recruitment?: readonly {
    readonly staffId: string;
    readonly termId: string;
    readonly referral: { readonly target?: number; readonly result: number };
    readonly continuation: { readonly target?: number; readonly result: number };
  }[];
  /** cumulative failed courses per student (registrar's status-processing list) */
  readonly failedCourses?: readonly { readonly studentId: string; readonly count: number }[];
}

/** A tenant's change to a rule parameter; applies to periods starting on or after `effectiveFrom`. */
export interface ThresholdOverride {
  readonly ruleId: string;
  readonly param: string;
  readonly value: number;
  readonly effectiveFrom: LocalDate;
}

export interface TenantConfig {
  readonly tenantId: string;
  /** revision of the tenant's configuration, copied onto findings */
  readonly revision?: string;
  readonly terms: readonly Term[];
  readonly academicYears: readonly AcademicYear[];
  readonly holidays?: HolidayConfig;
  readonly overrides?: readonly ThresholdOverride[];
  /**
   * A week/fortnight/month/quarter window cut by the term, or emptied by holidays,
   * with fewer working days than this is not-applicable (default 1: only a window
   * with no working day at all is excused).
   */
  readonly minWorkingDaysPerWindow?: number;
  /**
   * A month or quarter cut by the term's start or end applies only when the term holds at
   * least this share of its calendar days (0–1, default 0.25): 1–3 July of a term ending
   * on 3 July is 3 of the quarter's 92 days and owes no quarterly talk, and July is no
   * month of that term's monthly reports. 0 lets every window the term touches apply.
   * Weeks and fortnights are judged by `minWorkingDaysPerWindow` alone.
   */
  readonly minWindowShare?: number;
}

export interface EvaluationInput {
  /** the instant the evaluation is "as of"; records submitted later are not seen */
  readonly asOf: Instant;
  readonly termId: string;
  readonly config: TenantConfig;
  readonly roster: Roster;
  readonly records: readonly EngineRecord[];
}
