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

/**
 * The twin's text in pieces, a finding at a time: the same characters as
 * `JSON.stringify(toJsonTwin(figures))` without ever holding them whole. For 1,000 classes
 * the twin is ~70 MB of UTF-8, and as one JavaScript string with Chinese in it twice that:
 * built in one piece it alone takes the report function past 512 MB (bench/README.md).
 */
export function* jsonTwinText(figures: TermReportFigures): Generator<string> {
  let separator = '{';
  for (const [key, value] of Object.entries(toJsonTwin(figures))) {
    if (value === undefined) continue;
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    if (!Array.isArray(value)) {
      yield JSON.stringify(value);
      continue;
    }
    yield '[';
    for (let i = 0; i < value.length; i += 1) yield `${i === 0 ? '' : ','}${JSON.stringify(value[i] ?? null)}`;
    yield ']';
  }
  yield separator === '{' ? '{}' : '}';
}
