/**
 * At-risk statuses (seed 002 一(一), 二(五)): a student under academic warning (学籍预警),
 * status processing (学籍处理) or disciplinary sanction (纪律处分), from the date of the
 * document that issued it until the date it was lifted. CO-TALK-ATRISK, CO-PARENT-WARNING
 * and CO-PARENT-FOLLOWUP turn on them.
 */
import type { AtRiskStatus as EngineStatus } from './compliance/index.js';
import type { LocalDate } from './time.js';
import type { Violation } from './violation.js';

export const atRiskKinds = ['academic-warning', 'status-processing', 'sanction'] as const;
export type AtRiskKind = (typeof atRiskKinds)[number];

export interface StudentStatus {
  readonly tenantId: string;
  readonly classId: string;
  readonly studentNumber: string;
  readonly statusId: string;
  readonly kind: AtRiskKind;
  /** The day of the college's document that issued it (学院文件下达). */
  readonly documentOn: LocalDate;
  /** The document's number or title, as the college wrote it. */
  readonly documentRef?: string;
  /** The day it was lifted, once it was. */
  readonly clearedOn?: LocalDate;
  /** 1 when recorded; 2 once lifted (If-Match). */
  readonly version: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly lifted?: { readonly by: string; readonly at: string };
}

/** The dates of one status as the calendar allows them: documents are not dated after today; a status is lifted after it was issued. */
export function statusDateViolations(status: { readonly documentOn: LocalDate; readonly clearedOn?: LocalDate | undefined }, today: LocalDate, prefix: readonly (string | number)[] = []): Violation[] {
  const out: Violation[] = [];
  if (status.documentOn > today) out.push({ path: [...prefix, 'documentOn'], code: 'status.document-in-future', message: 'the document is dated after today', zh: '文件日期晚于今天' });
  if (status.clearedOn !== undefined && status.clearedOn < status.documentOn) {
    out.push({ path: [...prefix, 'clearedOn'], code: 'status.cleared-before-issued', message: 'a status is lifted on or after the day its document issued it', zh: '解除日期不能早于文件下达日期' });
  } else if (status.clearedOn !== undefined && status.clearedOn > today) {
    out.push({ path: [...prefix, 'clearedOn'], code: 'status.cleared-in-future', message: 'a status is lifted on a day that has come', zh: '解除日期不能晚于今天' });
  }
  return out;
}

/** What the compliance engine reads of a status. */
export function engineStatusOf(status: StudentStatus): EngineStatus {
  return {
    id: status.statusId,
    studentId: status.studentNumber,
    classId: status.classId,
    kind: status.kind,
    documentOn: status.documentOn,
    ...(status.clearedOn !== undefined ? { clearedOn: status.clearedOn } : {}),
  };
}
