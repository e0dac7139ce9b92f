/**
 * Completeness of each class's 督学统计表 (seed 000 附件1), which headquarters checks one
 * week after term end ("总部核查录入信息的完整性", §2.4 #6).
 *
 * The seed gives the sheet's title only; its rows are the duties of §2.2 whose feedback
 * column says "录入《督学统计表》" (选课与交费, 课程学习, 课程作业, …, 考务工作: twenty of them).
 * Xuewu holds evidence for five of those rows, each checked by a rule; the others (course
 * selection, homework, textbooks, …) have no records here and are not judged. So a
 * class's sheet is judged on:
 *
 * - submission: CT-SUPERVISION-SHEET for the class, met when a sheet with every field
 *   filled (the record's `complete`) arrived by one week after term end;
 * - the five checked rows below: each the worst status of the class's findings of its
 *   rule this term (missed, then blocked, then pending, then met, then not applicable);
 *   null when the rule had nothing to check this term (no exam, no graduation).
 *
 * Items met / items decided (met + missed, as every rate in the report), and the overall
 * status, the worst of submission and rows; the sheet is complete when that is met.
 */
import type { FindingStatus } from '../compliance/index.js';
import type { ReportClass } from './input.js';
import type { ReportFinding } from './report-finding.js';
import type { RuleTitle } from './rule-titles.js';
import { complianceRate, worstStatus } from './status-counts.js';

export const SUPERVISION_SHEET_RULE = 'CT-SUPERVISION-SHEET';

/** The sheet's rows (seed 000 §2.2 项目/内容) that a rule checks, in the seed's order. */
export const CHECKED_SHEET_ROWS: readonly { readonly ruleId: string; readonly row: RuleTitle }[] = [
  { ruleId: 'CT-CONTACTS', row: { zh: '通讯录', en: 'Contact list' } },
  { ruleId: 'CT-ARCHIVE', row: { zh: '学籍档案整理', en: 'Student files' } },
  { ruleId: 'CT-GRAD-PHOTO', row: { zh: '毕业管理', en: 'Graduation' } },
  { ruleId: 'CT-EXAM-BOOKING', row: { zh: '课程报考/预约考试', en: 'Exam booking' } },
  { ruleId: 'CT-EXAM-NOTICE', row: { zh: '考试通知', en: 'Exam notice' } },
];

export interface SupervisionSheetFigures {
  readonly classId: string;
  readonly className: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly classTeacherId: string | null;
  readonly classTeacherName: string | null;
  /** CT-SUPERVISION-SHEET's status; null when the class has no such finding (no class teacher) */
  readonly submitted: FindingStatus | null;
  readonly submittedEvidenceIds: readonly string[];
  /** CHECKED_SHEET_ROWS in order */
  readonly rows: readonly { readonly ruleId: string; readonly status: FindingStatus | null }[];
  readonly itemsMet: number;
  /** items met or missed */
  readonly itemsDecided: number;
  readonly rate: number | null;
  readonly overall: FindingStatus | null;
  readonly complete: boolean;
}

const SHEET_RULES = new Set([SUPERVISION_SHEET_RULE, ...CHECKED_SHEET_ROWS.map((r) => r.ruleId)]);

/** The findings that bear on the sheet, by class and rule: one pass over all findings. */
export function sheetFindingsByClass(findings: readonly ReportFinding[]): Map<string, Map<string, ReportFinding[]>> {
  const byClass = new Map<string, Map<string, ReportFinding[]>>();
  for (const f of findings) {
    if (f.classId === null || !SHEET_RULES.has(f.ruleId)) continue;
    let byRule = byClass.get(f.classId);
    if (!byRule) byClass.set(f.classId, (byRule = new Map()));
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  return byClass;
}

export function supervisionSheetOf(
  klass: ReportClass,
  names: { readonly unitName: string; readonly classTeacherName: string | null },
  byRule: ReadonlyMap<string, readonly ReportFinding[]> | undefined,
): SupervisionSheetFigures {
  const statusOf = (ruleId: string) => worstStatus((byRule?.get(ruleId) ?? []).map((f) => f.status));
  const submitted = statusOf(SUPERVISION_SHEET_RULE);
  const rows = CHECKED_SHEET_ROWS.map(({ ruleId }) => ({ ruleId, status: statusOf(ruleId) }));
  const items = [submitted, ...rows.map((r) => r.status)].filter((s): s is FindingStatus => s !== null);
  const itemsMet = items.filter((s) => s === 'met').length;
  const itemsMissed = items.filter((s) => s === 'missed').length;
  const overall = worstStatus(items);
  return {
    classId: klass.id,
    className: klass.name,
    unitId: klass.unitId,
    unitName: names.unitName,
    classTeacherId: klass.classTeacherId ?? null,
    classTeacherName: names.classTeacherName,
    submitted,
    submittedEvidenceIds: (byRule?.get(SUPERVISION_SHEET_RULE) ?? []).flatMap((f) => f.evidenceIds),
    rows,
    itemsMet,
    itemsDecided: itemsMet + itemsMissed,
    rate: complianceRate(itemsMet, itemsMissed),
    overall,
    complete: overall === 'met',
  };
}
