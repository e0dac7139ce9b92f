/**
 * The term-end workbook (seed 000 §2.4), written with exceljs's streaming writer from the
 * report's figures. Only the report function imports this module: exceljs never enters an
 * HTTP function's bundle.
 *
 * Same figures, same bytes. exceljs stamps the document with "now" unless told, and the
 * zip library under it (archiver) stamps every zip entry with "now"; both are set to the
 * report's "as of" here, so a re-run of the same report writes the identical file.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TermReportFigures } from '../../domain/reports/index.js';
import { writeTable } from './sheet-table.js';
import { DATE_TIME, excelDate, excelShanghaiTime, findingColumns, missColumns, RATE_COLUMN_INDEX, summaryColumns, supervisionSheetColumns, type SummaryRow } from './term-report-columns.js';
import { FAMILY_NAMES, LEVEL_NAMES, type ReportLanguage, say, SHEET_NAMES } from './workbook-labels.js';

export interface WorkbookOptions {
  readonly language: ReportLanguage;
}

export const WORKBOOK_CREATOR = 'Xuewu 学务';

/**
 * archiver's zip plugin, which exceljs keeps on the writer as `zip._module` (not in any
 * typings). archiver stamps each entry with "now" when it is appended, and the writer's
 * constructor appends two entries already; the plugin's `append` runs later, from
 * archiver's queue, for every entry, so replacing the date there catches them all.
 */
interface ZipPlugin {
  append(source: unknown, data: { date?: Date }, callback: unknown): void;
}

export function fixEntryDates(workbook: ExcelJS.stream.xlsx.WorkbookWriter, date: Date): void {
  const plugin = (workbook as unknown as { zip: { _module: ZipPlugin } }).zip._module;
  const append = plugin.append.bind(plugin);
  plugin.append = (source, data, callback) => append(source, { ...data, date }, callback);
}

export async function writeTermReportWorkbook(figures: TermReportFigures, options: WorkbookOptions, output: Writable): Promise<void> {
  const { language } = options;
  const asOf = new Date(figures.asOf);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    // Shared strings would keep every distinct string in memory until the end (STACK.md: 281 MB against 146 MB).
    useSharedStrings: false,
    useStyles: true,
  });
  fixEntryDates(workbook, asOf);
  // Read when docProps/core.xml is written at commit; the typings leave them out of the constructor's options.
  Object.assign(workbook, {
    created: asOf,
    modified: asOf,
    lastPrinted: asOf,
    creator: WORKBOOK_CREATOR,
    lastModifiedBy: WORKBOOK_CREATOR,
    title: title(figures, language),
    language: language === 'zh' ? 'zh-CN' : 'en',
    revision: figures.revision,
  });

  await writeTable(workbook, SHEET_NAMES.summary, language, summaryColumns(language), summaryRows(figures), {
    decorate: (sheet, range) => {
      const ref = range(RATE_COLUMN_INDEX);
      if (ref) sheet.addConditionalFormatting({ ref, rules: [RATE_SCALE] });
    },
  });
  await writeTable(workbook, SHEET_NAMES.findings, language, findingColumns(language), figures.findings);
  await writeTable(workbook, SHEET_NAMES.misses, language, missColumns(language), figures.misses);
  for (const family of figures.families) {
    await writeTable(workbook, FAMILY_NAMES[family.family], language, findingColumns(language), family.findings);
  }
  await writeTable(workbook, SHEET_NAMES.supervisionSheets, language, supervisionSheetColumns(language), figures.supervisionSheets);
  await writeTable(workbook, SHEET_NAMES.about, language, aboutColumns, aboutRows(figures, language));
  await workbook.commit();
}

/** Red at 0 %, amber at 80 %, green at 100 %; a blank rate (nothing decided) stays uncoloured. */
const RATE_SCALE: ExcelJS.ConditionalFormattingRule = {
  type: 'colorScale',
  priority: 1,
  cfvo: [
    { type: 'num', value: 0 },
    { type: 'num', value: 0.8 },
    { type: 'num', value: 1 },
  ],
  color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
};

function title(figures: TermReportFigures, language: ReportLanguage): string {
  const who = figures.scopeName ?? figures.tenant.name;
  return language === 'zh' ? `${who} ${figures.term.id} 学期末报告` : `${who} ${figures.term.id} term-end report`;
}

/** The scope's total first, then its units, classes, staff members and rules, each in the figures' order. */
export function* summaryRows(f: TermReportFigures): Generator<SummaryRow> {
  const scopeId = f.scope.kind === 'unit' ? f.scope.unitId : f.tenant.id;
  yield { level: LEVEL_NAMES.scope, unit: f.scopeName, id: scopeId, name: f.scopeName ?? f.tenant.name, counts: f.totals };
  for (const u of f.units) yield { level: LEVEL_NAMES.unit, unit: u.unitName, id: u.unitId, name: u.unitName, counts: u.counts };
  for (const c of f.classes) yield { level: LEVEL_NAMES.class, unit: c.unitName, id: c.classId, name: c.className, counts: c.counts };
  for (const s of f.staff) yield { level: LEVEL_NAMES.staff, unit: s.unitName, id: s.staffId, name: s.staffName, counts: s.counts };
  for (const r of f.rules) yield { level: LEVEL_NAMES.rule, unit: null, id: r.ruleId, name: `${r.title.zh} / ${r.title.en}`, counts: r.counts };
}

interface AboutRow {
  readonly key: string;
  readonly value: string | number | Date | null;
  readonly numFmt?: string;
}

const aboutColumns = [
  { header: { zh: '项目', en: 'Item' }, width: 16, value: (r: AboutRow) => r.key },
  { header: { zh: '内容', en: 'Value' }, width: 60, value: (r: AboutRow) => r.value, cellNumFmt: (r: AboutRow) => r.numFmt },
];

function aboutRows(f: TermReportFigures, language: ReportLanguage): AboutRow[] {
  const zh = language === 'zh';
  return [
    { key: zh ? '机构' : 'Tenant', value: `${f.tenant.name} (${f.tenant.id})` },
    { key: zh ? '范围' : 'Scope', value: f.scope.kind === 'unit' ? `${f.scopeName} (${f.scope.unitId})` : zh ? '全机构' : 'whole tenant' },
    { key: zh ? '学期' : 'Term', value: f.term.name ?? f.term.id },
    { key: zh ? '学期开始' : 'Term start', value: excelDate(f.term.start), numFmt: 'yyyy-mm-dd' },
    { key: zh ? '学期结束' : 'Term end', value: excelDate(f.term.end), numFmt: 'yyyy-mm-dd' },
    { key: zh ? '截至' : 'As of', value: excelShanghaiTime(f.asOf), numFmt: DATE_TIME },
    { key: zh ? '规则集版本' : 'Rule set', value: f.ruleSetVersion },
    { key: zh ? '配置修订' : 'Configuration revision', value: f.configRevision },
    { key: zh ? '报告版次' : 'Report revision', value: f.revision },
    {
      key: zh ? '达标率' : 'Rate',
      value: zh ? '达标 ÷（达标 + 未达标）；待定、不适用、受阻不计入' : 'met ÷ (met + missed); pending, not applicable and blocked left out',
    },
  ];
}

/** For tests and callers that name sheets: the sheet names in the order they are written. */
export function sheetNames(figures: TermReportFigures, language: ReportLanguage): string[] {
  return [SHEET_NAMES.summary, SHEET_NAMES.findings, SHEET_NAMES.misses, ...figures.families.map((f) => FAMILY_NAMES[f.family]), SHEET_NAMES.supervisionSheets, SHEET_NAMES.about].map((n) => say(n, language));
}
