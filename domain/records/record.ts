/**
 * A submitted record, whatever its kind: who submitted it and when (the server's clock,
 * because deadlines are judged on it), its version history, and withdrawal. Nothing is
 * deleted: a correction makes a new version and keeps the old one; a withdrawal keeps
 * the record with the reason.
 */
import type { EngineRecord } from '../compliance/index.js';
import { shanghaiDateOf, type LocalDate } from '../time.js';
import type { Violation } from '../violation.js';
import { recordKinds, type SubmittableKind } from './kinds.js';

/** Corrections and withdrawals by the author's side; approval and publication by the center head. */
export type ChangeType = 'correction' | 'withdrawal' | 'approval' | 'publication';

export interface Change {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
}

export interface StaffRecord {
  readonly tenantId: string;
  readonly recordId: string;
  readonly kind: SubmittableKind;
  readonly classId?: string;
  readonly authorId: string;
  /**
   * A staff member's own document (no class): the author's unit when it was submitted, so
   * that unit's director reads it. A class record belongs to its class's unit instead.
   */
  readonly unitId?: string;
  /** Set by the server when the record first arrived (or the original time, for imports). */
  readonly submittedAt: string;
  readonly occurredOn: LocalDate;
  /** 1 for the first submission; each correction or withdrawal adds one. */
  readonly version: number;
  readonly status: 'active' | 'withdrawn';
  readonly content: Readonly<Record<string, unknown>>;
  /** The change that made this version (absent on version 1). */
  readonly change?: Change & { readonly type: ChangeType };
  /** Set when an admin brought the record in from another system, with its original time. */
  readonly imported?: { readonly importId: string; readonly by: string; readonly at: string };
}

export interface RecordCheckContext {
  /** Student numbers on the roster of the record's class. */
  readonly roster: ReadonlySet<string>;
  readonly now: Date;
  /**
   * For a correction: when the record was first submitted. Deadlines are judged on that
   * time, so the corrected record may not be about a day after it.
   */
  readonly firstSubmittedAt?: Date;
}

/** The day a record is about, given its content and the day it arrives. */
export function occurredOnOf(kind: SubmittableKind, content: Readonly<Record<string, unknown>>, submittedAt: Date): LocalDate {
  const definition = recordKinds[kind] as { occurredOn: (c: unknown, submittedOn: LocalDate) => LocalDate };
  return definition.occurredOn(content, shanghaiDateOf(submittedAt));
}

/** Every rule a well-formed record can still break, all at once; paths point into the request body. */
export function checkRecord(kind: SubmittableKind, content: Readonly<Record<string, unknown>>, context: RecordCheckContext): Violation[] {
  const definition = recordKinds[kind] as unknown as {
    students: (c: unknown) => { path: readonly (string | number)[]; studentNumber: string }[];
    check?: (c: unknown) => Violation[];
  };
  const violations: Violation[] = [];
  const first = context.firstSubmittedAt;
  if (first !== undefined && occurredOnOf(kind, content, first) > shanghaiDateOf(first)) {
    const day = shanghaiDateOf(first);
    violations.push({ path: ['content'], code: 'record.after-submission', message: `a correction keeps the record about a day on or before it was first submitted (${day}); report a later event as a new record`, zh: `更正后的记录日期不能晚于首次提交日（${day}），之后发生的事请另行提交` });
  } else if (occurredOnOf(kind, content, context.now) > shanghaiDateOf(context.now)) {
    violations.push({ path: ['content'], code: 'record.in-future', message: 'a record is submitted after the thing happened; its date is later than today (Asia/Shanghai)', zh: '记录须在事情发生之后提交，日期不能晚于今天（北京时间）' });
  }
  for (const violation of definition.check?.(content) ?? []) violations.push({ ...violation, path: ['content', ...violation.path] });
  for (const named of definition.students(content)) {
    if (!context.roster.has(named.studentNumber)) {
      violations.push({
        path: ['content', ...named.path],
        code: 'record.student-not-in-class',
        message: `student ${named.studentNumber} is not on this class's roster`,
        zh: `学生 ${named.studentNumber} 不在本班名册中`,
      });
    }
  }
  return violations;
}

/** The students a record names, for the roster check. */
export function studentsNamedBy(kind: SubmittableKind, content: Readonly<Record<string, unknown>>): string[] {
  const definition = recordKinds[kind] as unknown as { students: (c: unknown) => { studentNumber: string }[] };
  return definition.students(content).map((named) => named.studentNumber);
}

/** A record as compliance evidence; withdrawn records are no evidence. */
export function evidenceOf(record: StaffRecord): EngineRecord | undefined {
  if (record.status === 'withdrawn') return undefined;
  const definition = recordKinds[record.kind] as unknown as { evidence: (c: unknown) => Partial<EngineRecord> };
  return {
    ...definition.evidence(record.content),
    id: record.recordId,
    kind: record.kind,
    authorId: record.authorId,
    ...(record.classId !== undefined ? { classId: record.classId } : {}),
    occurredOn: record.occurredOn,
    submittedAt: record.submittedAt,
  };
}

/** The record with its private fields removed, and which they were. */
export function masked(record: StaffRecord): StaffRecord & { readonly maskedFields: readonly string[] } {
  const privateFields = recordKinds[record.kind].privateFields as readonly string[];
  const present = privateFields.filter((field) => field in record.content);
  const content = Object.fromEntries(Object.entries(record.content).filter(([field]) => !present.includes(field)));
  return { ...record, content, maskedFields: present };
}

/**
 * Seed 000 §2.2 (班级活动): the activity's written report goes to the center head for
 * approval (报负责人审核), then is published (发布). Each step is dated on the day it is
 * taken and needs the one before.
 */
export function reportStep(record: StaffRecord, step: 'approval' | 'publication', on: LocalDate): { content: Record<string, unknown> } | Violation {
  if (record.kind !== 'class-activity') return { path: [], code: 'activity.not-an-activity', message: 'only a class activity is approved and published', zh: '只有班级活动需要审核和发布' };
  const report = reportOf(record.content);
  if (report === undefined) return { path: ['content', 'report'], code: 'activity.no-report', message: 'the activity has no written report yet', zh: '该活动尚无书面报告' };
  if (step === 'approval') {
    if (report.approvedOn !== undefined) return { path: ['content', 'report', 'approvedOn'], code: 'activity.approved-already', message: 'the report is approved already', zh: '报告已审核' };
    return { content: { ...record.content, report: { ...report, approvedOn: on } } };
  }
  if (report.approvedOn === undefined) return { path: ['content', 'report', 'approvedOn'], code: 'activity.not-approved', message: 'a report is published after the center head approves it', zh: '报告须经负责人审核后才能发布' };
  if (report.publishedOn !== undefined) return { path: ['content', 'report', 'publishedOn'], code: 'activity.published-already', message: 'the report is published already', zh: '报告已发布' };
  return { content: { ...record.content, report: { ...report, publishedOn: on } } };
}

interface ActivityReport {
  readonly writtenOn: string;
  readonly text: string;
  readonly approvedOn?: string;
  readonly publishedOn?: string;
}

const reportOf = (content: Readonly<Record<string, unknown>>) => content['report'] as ActivityReport | undefined;

const signOffs = {
  approvedOn: { step: 'approval', zh: '审核日期在负责人审核时记录，提交者不能填写或更改' },
  publishedOn: { step: 'publication', zh: '发布日期在报告发布时记录，提交者不能填写或更改' },
} as const;

/**
 * The same seed, for whoever submits or corrects an activity: its approval and
 * publication dates are the center head's, recorded by `reportStep`. A submission may not
 * carry them; a correction may repeat them as stored, but never set or move them.
 * (Imports may carry them: they bring in sign-offs given in another system.)
 */
export function signOffViolations(kind: SubmittableKind, content: Readonly<Record<string, unknown>>, stored?: Readonly<Record<string, unknown>>): Violation[] {
  if (kind !== 'class-activity') return [];
  const report = reportOf(content);
  const before = stored === undefined ? undefined : reportOf(stored);
  return (Object.keys(signOffs) as (keyof typeof signOffs)[])
    .filter((field) => report?.[field] !== undefined && report[field] !== before?.[field])
    .map((field) => ({
      path: ['content', 'report', field],
      code: 'activity.signed-off-by-center-head',
      message: `${field} is recorded by the center head's ${signOffs[field].step}, not by the submitter`,
      zh: signOffs[field].zh,
    }));
}

/**
 * A corrected activity keeps the center head's sign-offs while its report reads as it did
 * when signed off; a report rewritten after approval goes back for approval, and for
 * publication after that.
 */
export function keepingSignOffs(kind: SubmittableKind, corrected: Record<string, unknown>, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const report = reportOf(corrected);
  const before = reportOf(stored);
  if (kind !== 'class-activity' || report === undefined || before === undefined) return corrected;
  const { approvedOn: _approved, publishedOn: _published, ...written } = report;
  if (written.writtenOn !== before.writtenOn || written.text !== before.text) return { ...corrected, report: written };
  return {
    ...corrected,
    report: {
      ...written,
      ...(before.approvedOn !== undefined ? { approvedOn: before.approvedOn } : {}),
      ...(before.publishedOn !== undefined ? { publishedOn: before.publishedOn } : {}),
    },
  };
}

/**
 * DOMAIN.md §7 for corrections: whoever cannot read a record's private text corrects it
 * without seeing it (the text is carried over), so they may not change which students the
 * record is about — that would file one student's notes under another.
 */
export function blindCorrectionViolations(kind: SubmittableKind, stored: Readonly<Record<string, unknown>>, corrected: Readonly<Record<string, unknown>>): Violation[] {
  const privateFields = recordKinds[kind].privateFields as readonly string[];
  if (!privateFields.some((field) => field in stored)) return [];
  const before = [...new Set(studentsNamedBy(kind, stored))].sort();
  const after = [...new Set(studentsNamedBy(kind, corrected))].sort();
  if (before.length === after.length && before.every((number, i) => number === after[i])) return [];
  return [{
    path: ['content'],
    code: 'record.private-subjects-fixed',
    message: 'whoever cannot read a record’s private text cannot change which students it is about',
    zh: '无权查看记录私密内容者不能更改记录所涉及的学生',
  }];
}
