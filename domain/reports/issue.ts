/**
 * When the term-end report is issued and what an issued report is (seed 000 §2.4: one
 * week after each term ends). A report revision is built from one findings revision (the
 * as-of of the latest published findings of the term); a later run that stores findings
 * of a period still open at the first report makes a new revision, the earlier one kept.
 */
import { dayOf, formatDay, type LocalDate } from '../calendar/index.js';
import { paramInForce, RULES, type ThresholdOverride } from '../compliance/index.js';
import type { ReportScope } from './input.js';
import type { StatusCounts } from './status-counts.js';

/**
 * The one setting the report's due date follows: CT-SUPERVISION-SHEET's `daysAfterEnd`.
 * Seed 000 §2.4 #6: 提交《督学统计表》…每学期结束一周后提交，总部核查录入信息的完整性 — the
 * 督学统计表 is where the class teacher enters what headquarters checks (§2.2's feedback
 * column: 录入《督学统计表》), and the report carries its completeness sheet; a report
 * before that deadline would show every sheet pending. A tenant that moves the deadline
 * moves the report with it, to the same instant.
 */
export const REPORT_DEADLINE = { ruleId: 'CT-SUPERVISION-SHEET', param: 'daysAfterEnd' } as const;

/** What of a term and a tenant's configuration the due date reads. */
export interface ReportTerm {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/** Days after the term's last day the report falls due: the setting as the rule reads it for the term (in force on its first day). */
export function reportDaysAfterEnd(term: ReportTerm, overrides: readonly ThresholdOverride[] | undefined): number {
  const rule = RULES.find((candidate) => candidate.id === REPORT_DEADLINE.ruleId)!;
  return paramInForce(rule, REPORT_DEADLINE.param, overrides, term.start) ?? 7;
}

/** The instant (epoch ms) the report falls due: the end of that day, Asia/Shanghai, as the rule's deadline. */
export function termReportDueAt(term: ReportTerm, overrides: readonly ThresholdOverride[] | undefined): number {
  const dueDay = dayOf(term.end) + reportDaysAfterEnd(term, overrides);
  return Date.parse(`${formatDay(dueDay)}T00:00:00+08:00`) + 86_400_000;
}

/** A run as of this instant may issue the term's report. */
export const termReportDue = (term: ReportTerm, overrides: readonly ThresholdOverride[] | undefined, asOf: Date): boolean => asOf.getTime() >= termReportDueAt(term, overrides);

/** The findings revision a report is built from: the latest as-of among the findings as they stand. */
export function sourceRevision(findings: readonly { readonly asOf: string }[]): string | undefined {
  let latest: string | undefined;
  for (const { asOf } of findings) if (latest === undefined || asOf > latest) latest = asOf;
  return latest;
}

/**
 * What a report revision shows: the findings of closed periods as they stand, and beside
 * them the findings of the periods still open at the revision's as-of (kept by the run of
 * that as-of). An open finding whose period already has a closed finding (the same key) is
 * left out: a closed period is shown as it was evaluated at its close. Sorted by key.
 */
export function reportedFindings<F extends { readonly key: string }>(closed: readonly F[], openAtRevision: readonly F[]): F[] {
  const closedKeys = new Set(closed.map((finding) => finding.key));
  return [...closed, ...openAtRevision.filter((finding) => !closedKeys.has(finding.key))].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The report revision number of a findings revision: 1 for the first report of the term,
 * one more for each earlier findings revision that has a report.
 */
export function reportRevisionNumber(reportedRevisions: Iterable<string>, asOf: string): number {
  return 1 + new Set([...reportedRevisions].filter((revision) => revision < asOf)).size;
}

/** Report scopes of a tenant: the whole tenant first, then each unit in id order. */
export function reportScopes(unitIds: readonly string[]): ReportScope[] {
  return [{ kind: 'tenant' }, ...[...unitIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((unitId) => ({ kind: 'unit' as const, unitId }))];
}

/** `tenant`, or `unit-<unitId>`: the scope as it appears in object keys and records. */
export const scopeTag = (scope: ReportScope): string => (scope.kind === 'tenant' ? 'tenant' : `unit-${scope.unitId}`);

export type ReportFormat = 'xlsx' | 'json';
export type ReportLanguage = 'zh' | 'en';

/** A report as it is recorded once its files are stored. */
export interface IssuedReport {
  readonly tenantId: string;
  readonly termId: string;
  /** Deterministic: the same tenant, term, findings revision and scope give the same id. */
  readonly reportId: string;
  readonly scope: ReportScope;
  /** 1 for the first report of the term; one more for each re-issue. */
  readonly revision: number;
  /** The findings revision it was built from (ISO 8601, UTC). */
  readonly asOf: string;
  readonly issuedAt: string;
  /** Object keys in the reports bucket. */
  readonly objects: { readonly xlsx: Readonly<Record<ReportLanguage, string>>; readonly json: string };
  /** The scope's totals, as in the workbook's 汇总 first row. */
  readonly counts: StatusCounts;
}

/** Reports listed newest findings revision first; within one revision the tenant-wide report, then each unit by id. */
export function newestFirst<R extends Pick<IssuedReport, 'asOf' | 'scope'>>(reports: readonly R[]): R[] {
  const order = (report: R) => (report.scope.kind === 'tenant' ? '' : report.scope.unitId);
  return [...reports].sort((a, b) => (a.asOf !== b.asOf ? (a.asOf < b.asOf ? 1 : -1) : order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
