/** Public API of the term-end report's figures (the workbook writer lives in functions/reports/). */
export type { ReportClass, ReportScope, ReportStaff, ReportStudent, ReportUnit, TermReportInput } from './input.js';
export { computeTermReportFigures, type ClassFigures, type FamilyFigures, type RuleFigures, type StaffFigures, type TermReportFigures, type UnitFigures } from './figures.js';
export type { ReportFinding } from './report-finding.js';
export { complianceRate, type StatusCounts } from './status-counts.js';
export { CHECKED_SHEET_ROWS, SUPERVISION_SHEET_RULE, type SupervisionSheetFigures } from './supervision-sheet.js';
export { RULE_FAMILIES, ruleFamily, ruleTitle, type RuleFamily, type RuleTitle } from './rule-titles.js';
export { jsonTwinText, TERM_REPORT_JSON_FORMAT, toJsonTwin, type TermReportJson } from './json-twin.js';
