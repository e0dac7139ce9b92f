/**
 * The columns of each sheet of the term-end workbook, as data: header (zh/en), width,
 * format and how a row gives its cell. Local dates become Excel dates (midnight of that
 * day); instants become the Asia/Shanghai wall time they stand for, the time a reader in
 * China expects to see.
 */
import { instantMs } from '../../domain/calendar/index.js';
import type { FindingStatus } from '../../domain/compliance/index.js';
import { CHECKED_SHEET_ROWS, type ReportFinding, type StatusCounts, type SupervisionSheetFigures } from '../../domain/reports/index.js';
import { type CellValue, type Column, fitCell } from './sheet-table.js';
import { FAMILY_NAMES, type Label, NONE, type ReportLanguage, say, STATUS_NAMES, SUBJECT_KIND_NAMES, YES_NO } from './workbook-labels.js';

export const DATE = 'yyyy-mm-dd';
export const DATE_TIME = 'yyyy-mm-dd hh:mm';
export const RATE = '0.0%';

/** 'YYYY-MM-DD' → that day as an Excel date (exceljs turns a Date into a serial from its UTC fields). */
export function excelDate(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
}

const SHANGHAI_MS = 8 * 3_600_000;

export function excelShanghaiTime(instant: string): Date {
  return new Date(instantMs(instant) + SHANGHAI_MS);
}

const status = (s: FindingStatus | null, language: ReportLanguage): string => (s === null ? NONE : say(STATUS_NAMES[s], language));
const ids = (list: readonly string[]): string | null => (list.length === 0 ? null : fitCell(list.join(', ')));
const rateFigures = (f: ReportFinding): string | undefined => (f.measure === 'rate' ? RATE : undefined);

/** A row of 汇总: a level (total, unit, class, staff member, rule), who or what it is, and its counts. */
export interface SummaryRow {
  readonly level: Label;
  readonly unit: string | null;
  readonly id: string | null;
  readonly name: string | null;
  readonly counts: StatusCounts;
}

export const RATE_COLUMN_INDEX = 10;

export function summaryColumns(language: ReportLanguage): Column<SummaryRow>[] {
  return [
    { header: { zh: '层级', en: 'Level' }, width: 10, value: (r) => say(r.level, language) },
    { header: { zh: '单位', en: 'Unit' }, width: 22, value: (r) => r.unit },
    { header: { zh: '编号', en: 'Id' }, width: 24, value: (r) => r.id },
    { header: { zh: '名称', en: 'Name' }, width: 30, value: (r) => r.name },
    { header: STATUS_NAMES.met, width: 10, value: (r) => r.counts.met },
    { header: STATUS_NAMES.missed, width: 10, value: (r) => r.counts.missed },
    { header: STATUS_NAMES.pending, width: 10, value: (r) => r.counts.pending },
    { header: STATUS_NAMES['not-applicable'], width: 10, value: (r) => r.counts.notApplicable },
    { header: STATUS_NAMES.blocked, width: 10, value: (r) => r.counts.blocked },
    { header: { zh: '合计', en: 'Total' }, width: 10, value: (r) => r.counts.total },
    { header: { zh: '达标率', en: 'Rate' }, width: 10, numFmt: RATE, value: (r) => r.counts.rate },
  ];
}

/** 全部结果 and the family sheets: every field of a finding, the evidence as a count and its ids. */
export function findingColumns(language: ReportLanguage): Column<ReportFinding>[] {
  return [
    { header: { zh: '单位', en: 'Unit' }, width: 20, value: (f) => f.unitName },
    { header: { zh: '班级', en: 'Class' }, width: 22, value: (f) => f.className },
    { header: { zh: '对象类型', en: 'Subject kind' }, width: 10, value: (f) => say(SUBJECT_KIND_NAMES[f.subject.kind], language) },
    { header: { zh: '对象', en: 'Subject' }, width: 22, value: (f) => f.subjectName },
    { header: { zh: '负责人', en: 'Responsible' }, width: 14, value: (f) => f.responsibleName },
    { header: { zh: '职责', en: 'Role' }, width: 12, value: (f) => say(FAMILY_NAMES[f.family], language) },
    { header: { zh: '规则编号', en: 'Rule id' }, width: 24, value: (f) => f.ruleId },
    { header: { zh: '规则', en: 'Rule' }, width: 34, value: (f) => say(f.rule, language) },
    { header: { zh: '期间', en: 'Period' }, width: 22, value: (f) => f.period.key },
    { header: { zh: '起', en: 'From' }, width: 12, numFmt: DATE, value: (f) => excelDate(f.period.from) },
    { header: { zh: '止', en: 'To' }, width: 12, numFmt: DATE, value: (f) => excelDate(f.period.to) },
    { header: { zh: '截止时间', en: 'Due by' }, width: 17, numFmt: DATE_TIME, value: (f) => excelShanghaiTime(f.period.dueBy) },
    { header: { zh: '状态', en: 'Status' }, width: 10, value: (f) => status(f.status, language) },
    { header: { zh: '要求', en: 'Required' }, width: 9, value: (f) => f.required, cellNumFmt: rateFigures },
    { header: { zh: '实际', en: 'Actual' }, width: 9, value: (f) => f.actual, cellNumFmt: rateFigures },
    { header: { zh: '尚需', en: 'Remaining' }, width: 9, value: (f) => f.remaining },
    { header: { zh: '剩余工作日', en: 'Working days left' }, width: 11, value: (f) => f.workingDaysLeft },
    { header: { zh: '缺少名单', en: 'Missing' }, width: 30, value: (f) => ids(f.missingIds) },
    { header: { zh: '证据数', en: 'Evidence' }, width: 8, value: (f) => f.evidenceCount },
    { header: { zh: '证据编号', en: 'Evidence ids' }, width: 40, value: (f) => ids(f.evidenceIds) },
    { header: { zh: '说明', en: 'Note' }, width: 40, value: (f) => f.reason },
    { header: { zh: '结果键', en: 'Finding key' }, width: 40, value: (f) => f.key },
  ];
}

/** 未达标: who is to follow up, on what, for which period, and what was missing. */
export function missColumns(language: ReportLanguage): Column<ReportFinding>[] {
  return [
    { header: { zh: '单位', en: 'Unit' }, width: 20, value: (f) => f.unitName },
    { header: { zh: '班级', en: 'Class' }, width: 22, value: (f) => f.className },
    { header: { zh: '负责人', en: 'Responsible' }, width: 14, value: (f) => f.responsibleName },
    { header: { zh: '负责人编号', en: 'Responsible id' }, width: 16, value: (f) => f.responsibleId },
    { header: { zh: '规则编号', en: 'Rule id' }, width: 24, value: (f) => f.ruleId },
    { header: { zh: '规则', en: 'Rule' }, width: 34, value: (f) => say(f.rule, language) },
    { header: { zh: '对象', en: 'Subject' }, width: 22, value: (f) => f.subjectName },
    { header: { zh: '期间', en: 'Period' }, width: 22, value: (f) => f.period.key },
    { header: { zh: '起', en: 'From' }, width: 12, numFmt: DATE, value: (f) => excelDate(f.period.from) },
    { header: { zh: '止', en: 'To' }, width: 12, numFmt: DATE, value: (f) => excelDate(f.period.to) },
    { header: { zh: '要求', en: 'Required' }, width: 9, value: (f) => f.required, cellNumFmt: rateFigures },
    { header: { zh: '实际', en: 'Actual' }, width: 9, value: (f) => f.actual, cellNumFmt: rateFigures },
    { header: { zh: '差额', en: 'Shortfall' }, width: 9, value: (f) => f.shortfall },
    { header: { zh: '缺少名单', en: 'Missing' }, width: 30, value: (f) => ids(f.missingIds) },
    { header: { zh: '说明', en: 'Note' }, width: 40, value: (f) => f.reason },
  ];
}

export function supervisionSheetColumns(language: ReportLanguage): Column<SupervisionSheetFigures>[] {
  const rows: Column<SupervisionSheetFigures>[] = CHECKED_SHEET_ROWS.map(({ row }, i) => ({
    header: row,
    width: 14,
    value: (s: SupervisionSheetFigures): CellValue => status(s.rows[i]?.status ?? null, language),
  }));
  return [
    { header: { zh: '单位', en: 'Unit' }, width: 20, value: (s) => s.unitName },
    { header: { zh: '班级编号', en: 'Class id' }, width: 22, value: (s) => s.classId },
    { header: { zh: '班级', en: 'Class' }, width: 22, value: (s) => s.className },
    { header: { zh: '班主任', en: 'Class teacher' }, width: 14, value: (s) => s.classTeacherName },
    { header: { zh: '提交（完整）', en: 'Submitted complete' }, width: 14, value: (s) => status(s.submitted, language) },
    ...rows,
    { header: { zh: '达标项', en: 'Items met' }, width: 9, value: (s) => s.itemsMet },
    { header: { zh: '已判定项', en: 'Items decided' }, width: 10, value: (s) => s.itemsDecided },
    { header: { zh: '完整率', en: 'Rate' }, width: 10, numFmt: RATE, value: (s) => s.rate },
    { header: { zh: '结论', en: 'Overall' }, width: 10, value: (s) => status(s.overall, language) },
    { header: { zh: '完整', en: 'Complete' }, width: 8, value: (s) => say(s.complete ? YES_NO.yes : YES_NO.no, language) },
  ];
}
