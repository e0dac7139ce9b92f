/**
 * The term-end report's JSON twin: the same figures as the workbook, for programs. Each
 * finding is listed once, under `findings`, naming its family; the families give their
 * counts only, where the workbook repeats their findings on a sheet of their own.
 */
import type { FamilyFigures, TermReportFigures } from './figures.js';

export const TERM_REPORT_JSON_FORMAT = 'xuewu-term-report/1';

export interface TermReportJson extends Omit<TermReportFigures, 'families'> {
  readonly format: typeof TERM_REPORT_JSON_FORMAT;
  readonly families: readonly Omit<FamilyFigures, 'findings'>[];
}

/** A plain object whose `JSON.stringify` is the twin; its key order is fixed here, so equal figures give equal text. */
export function toJsonTwin(figures: TermReportFigures): TermReportJson {
  const { families, ...rest } = figures;
  return { format: TERM_REPORT_JSON_FORMAT, ...rest, families: families.map(({ family, counts }) => ({ family, counts })) };
}
