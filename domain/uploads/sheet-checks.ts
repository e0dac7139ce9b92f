/**
 * Checks a spreadsheet against its template as its rows stream past, and stops at
 * nothing: every bad cell (sheet, row, column, rule, a message in both languages),
 * duplicates, order, unknown or mismatched students, the end marker, and for the
 * 督学统计表 the cells missing for each student of the class. Pure: the day of checking,
 * the code lists and the roster are passed in.
 *
 * The table starts at its header row: the first row with more than one cell (a title
 * row of one merged cell above it is skipped). Columns are taken by position, A first,
 * in the template's order; a header that reads otherwise is reported, and the data under
 * it still checked.
 */
import { bilingual } from '../bilingual.js';
import { checkCell } from './cell-rules.js';
import { DEFAULT_LISTED_PROBLEMS, ProblemLog, type ProblemCount } from './problem-log.js';
import { SeenKeys } from './seen-keys.js';
import type { UploadProblem } from './ports.js';
import type { SheetRow } from './spreadsheet.js';
import { codeLists as withDefaults, type CodeLists } from './templates/code-lists.js';
import type { SpreadsheetTemplate, TemplateColumn } from './templates/template.js';

export interface RosterStudent {
  readonly studentNumber: string;
  readonly name: string;
  readonly classId: string;
  /** 毕业生电子注册号, once recorded */
  readonly registrationNumber?: string;
}

/** The students a sheet may name, looked up by the caller beforehand. */
export interface RosterLookup {
  byStudentNumber(number: string): RosterStudent | undefined;
  byRegistrationNumber(number: string): RosterStudent | undefined;
  /** the class the sheet is for, with its students (督学统计表) */
  readonly forClass?: { readonly classId: string; readonly students: readonly RosterStudent[] };
}

export interface CheckContext {
  /** the day of checking (Asia/Shanghai), YYYY-MM-DD */
  readonly today: string;
  readonly codeLists?: Partial<CodeLists>;
  /** without it, the students are not matched (the benchmark's case) */
  readonly roster?: RosterLookup;
  readonly listedProblems?: number;
  readonly annotatedProblems?: number;
  /** keep each row's student (number, name, row) for a batch's cross-check with its images */
  readonly collectStudents?: boolean;
}

export interface ListedStudent {
  /** the student number, or the registration number where the row names a graduate by it */
  readonly number: string;
  readonly name: string;
  readonly row: number;
}

export interface MissingCell {
  readonly studentNumber: string;
  readonly name: string;
  /** the column's header (the duty), and its letters; row is absent for a student with no row */
  readonly header: string;
  readonly column: string;
  readonly row?: number;
}

export interface SheetCheckResult {
  readonly template: SpreadsheetTemplate['id'];
  readonly sheet: string | null;
  readonly dataRows: number;
  readonly problemCount: number;
  readonly counts: readonly ProblemCount[];
  /** the first `listedProblems` (1,000 unless told), in sheet order */
  readonly problems: readonly UploadProblem[];
  /** every problem for the annotated copy, as far as `annotatedProblems` allows */
  readonly annotations: readonly UploadProblem[];
  readonly annotationsComplete: boolean;
  /** with `collectStudents`: each row's student, as written */
  readonly students?: readonly ListedStudent[];
  /** 督学统计表 only (with a roster): every required cell filled for every student of the class */
  readonly completeness?: { readonly complete: boolean; readonly missingCells: readonly MissingCell[]; readonly studentsWithoutRow: readonly string[] };
}

export interface SheetChecker {
  row(row: SheetRow): void;
  finish(): SheetCheckResult;
}

function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function columnIndex(column: string): number {
  let n = 0;
  for (let i = 0; i < column.length; i++) n = n * 26 + (column.charCodeAt(i) - 64);
  return n - 1;
}

/** Digit strings compare as numbers of any length: by length first, then digit by digit. */
function compareDigits(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function startSheetChecks(template: SpreadsheetTemplate, context: CheckContext): SheetChecker {
  const lists = withDefaults(context.codeLists);
  const log = new ProblemLog(Math.max(context.annotatedProblems ?? 50_000, context.listedProblems ?? DEFAULT_LISTED_PROBLEMS));
  const cols = template.columns;
  const colLetters = cols.map((_, i) => letters(i + 1));
  const indexOfKey = new Map(cols.map((c, i) => [c.key, i]));
  const at = (key: string) => indexOfKey.get(key) as number;
  const { identity } = template;
  const numberAt = at(identity.numberColumn);
  const nameAt = at(identity.nameColumn);
  const registrationAt = identity.registrationColumn ? at(identity.registrationColumn) : -1;
  const byRegistrationWhen = identity.byRegistrationWhen ? { at: at(identity.byRegistrationWhen.column), values: identity.byRegistrationWhen.values } : null;
  const groupAt = template.groupBy ? at(template.groupBy) : -1;
  const uniqueAt = template.unique.map((keys) => keys.map(at));
  const uniqueSeen = template.unique.map(() => new SeenKeys());
  const uniqueParts = template.unique.map((keys) => new Array<string>(keys.length).fill(''));
  const requiredWhenAt = cols.map((c) => (c.requiredWhen ? { at: at(c.requiredWhen.column), values: c.requiredWhen.values } : null));
  const roster = context.roster;
  const seenStudents = new Set<string>();
  const missingCells: MissingCell[] = [];
  const forClass = template.coversClassRoster ? roster?.forClass : undefined;
  const students: ListedStudent[] | undefined = context.collectStudents ? [] : undefined;

  let sheet: string | null = null;
  let headerSeen = false;
  let ended = false;
  let endMarkerRow = 0;
  let lastRow = 0;
  let dataRows = 0;
  let previous: { group: string; key: string; row: number } | null = null;
  const values: (string | undefined)[] = new Array(cols.length);
  const broken: boolean[] = new Array(cols.length);

  const report = (row: number, column: string | undefined, rule: string, en: string, zh: string) =>
    log.add({ rule, message: bilingual(en, zh), sheet: sheet ?? '', row, ...(column !== undefined ? { column } : {}) });
  const cellReport = (row: number, i: number, rule: string, en: string, zh: string) => {
    const c = cols[i] as TemplateColumn;
    report(row, colLetters[i], rule, `${c.headerEn} (${c.header}): ${en}.`, `“${c.header}”${zh}。`);
  };

  function checkHeader(row: SheetRow): void {
    const seen = new Map(row.cells.map((c) => [c.column, typeof c.value === 'string' ? c.value.normalize('NFC').trim() : String(c.value)]));
    cols.forEach((c, i) => {
      const found = seen.get(colLetters[i] as string);
      if (found !== c.header) {
        report(row.row, colLetters[i], 'HEADER-MISMATCH', `the header here must read "${c.header}" (${c.headerEn}).`, `此处表头应为“${c.header}”。`);
      }
    });
    for (const cell of row.cells) {
      if (columnIndex(cell.column) >= cols.length) report(row.row, cell.column, 'COLUMN-UNDECLARED', 'a column the template does not have.', '模板中没有此列。');
    }
  }

  function checkStudent(row: number): void {
    const name = values[nameAt];
    const byRegistration = byRegistrationWhen !== null && byRegistrationWhen.values.includes(values[byRegistrationWhen.at] ?? '');
    const keyAt = byRegistration ? registrationAt : numberAt;
    const number = values[keyAt];
    if (number === undefined || broken[keyAt]) return;
    if (template.coversClassRoster) seenStudents.add(number);
    if (students && name !== undefined) students.push({ number, name, row });
    if (!roster || name === undefined || broken[nameAt]) return;
    const student = byRegistration ? roster.byRegistrationNumber(number) : roster.byStudentNumber(number);
    if (!student) {
      // The roster is the class's, or the unit's for the registry's tables (README): "this school" would be wrong for either.
      cellReport(row, keyAt, 'STUDENT-UNKNOWN', `${number} is not on the roster checked`, `${number} 不在核对名册中`);
    } else if (student.name.normalize('NFC') !== name) {
      cellReport(row, nameAt, 'STUDENT-NAME-MISMATCH', `${number} belongs to another name`, `与 ${number} 的姓名不符`);
    } else if (forClass && student.classId !== forClass.classId) {
      cellReport(row, keyAt, 'STUDENT-NOT-IN-CLASS', `${number} is not a student of this class`, `${number} 不是本班学生`);
    }
  }

  /**
   * In a uniqueness key a coded column stands as its code's place in the list (one
   * character). Kept for every row (./seen-keys.ts), the keys are most of the checks' memory.
   */
  const codeRank = cols.map((c) => (c.type.kind === 'code' ? new Map(lists[c.type.list].map((e, k) => [e.code, String.fromCharCode(48 + k)])) : null));

  function checkOrderAndUniqueness(row: number): void {
    for (let u = 0; u < uniqueAt.length; u++) {
      const idxs = uniqueAt[u] as readonly number[];
      const parts = uniqueParts[u] as string[];
      let anyBroken = false;
      let shownAt = -1;
      for (let j = 0; j < idxs.length; j++) {
        const i = idxs[j] as number;
        if (broken[i]) anyBroken = true;
        const v = values[i];
        if (v !== undefined && shownAt < 0) shownAt = i;
        parts[j] = v === undefined ? '' : (codeRank[i]?.get(v) ?? v);
      }
      if (anyBroken) continue;
      const first = (uniqueSeen[u] as SeenKeys).firstRowOr(parts, row);
      if (first !== 0) cellReport(row, shownAt >= 0 ? shownAt : (idxs[0] as number), 'ROW-DUPLICATE', `repeats row ${first}`, `与第 ${first} 行重复`);
    }
    if (!template.ascending) return;
    const byRegistration = byRegistrationWhen !== null && byRegistrationWhen.values.includes(values[byRegistrationWhen.at] ?? '');
    const keyAt = byRegistration ? registrationAt : numberAt;
    const key = values[keyAt];
    if (key === undefined || broken[keyAt]) return;
    const group = groupAt >= 0 ? (values[groupAt] ?? '') : '';
    if (previous && previous.group === group && compareDigits(key, previous.key) < 0) {
      const what = keyAt === registrationAt ? ['registration number', '注册证号'] : ['student number', '学号'];
      cellReport(row, keyAt, 'ROW-ORDER', `rows must ascend by ${what[0]}, but this comes after ${previous.key} (row ${previous.row})`, `须按${what[1]}升序排列，此行排在 ${previous.key}（第 ${previous.row} 行）之后`);
    }
    if (!previous || previous.group !== group || compareDigits(key, previous.key) >= 0) previous = { group, key, row };
  }

  function checkDataRow(row: SheetRow): void {
    values.fill(undefined);
    broken.fill(false);
    for (const cell of row.cells) {
      const i = columnIndex(cell.column);
      if (i >= cols.length) {
        report(row.row, cell.column, 'COLUMN-UNDECLARED', 'a value in a column the template does not have.', '模板中没有此列，不应填写。');
        continue;
      }
      const outcome = checkCell(cols[i] as TemplateColumn, cell, lists, context.today);
      if (typeof outcome !== 'string') {
        broken[i] = true;
        cellReport(row.row, i, outcome.breach.rule, outcome.breach.en, outcome.breach.zh);
      } else if (outcome !== '') values[i] = outcome;
    }
    for (let i = 0; i < cols.length; i++) {
      if (values[i] !== undefined || broken[i]) continue;
      const c = cols[i] as TemplateColumn;
      const when = requiredWhenAt[i];
      const required = c.required || (when !== null && when !== undefined && when.values.includes(values[when.at] ?? ''));
      if (!required) continue;
      cellReport(row.row, i, 'CELL-REQUIRED', 'must be filled', '不能为空');
      if (template.coversClassRoster && values[numberAt] !== undefined) {
        missingCells.push({ studentNumber: values[numberAt] as string, name: values[nameAt] ?? '', header: c.header, column: colLetters[i] as string, row: row.row });
      }
    }
    checkSubjectName(row.row);
    checkOrderAndUniqueness(row.row);
    checkStudent(row.row);
  }

  /** Exemption table: a subject name, when given, must be the code's. */
  function checkSubjectName(row: number): void {
    if (template.id !== 'exemption') return;
    const code = values[at('subjectCode')];
    const name = values[at('subjectName')];
    if (code === undefined || name === undefined) return;
    const entry = lists['exemption-subjects'].find((e) => e.code === code);
    if (entry && entry.name !== name) cellReport(row, at('subjectName'), 'EXEMPTION-SUBJECT-NAME', `code ${code} is ${entry.name}`, `代码 ${code} 对应“${entry.name}”`);
  }

  return {
    row(row) {
      if (sheet === null) sheet = row.sheet;
      else if (row.sheet !== sheet) return; // the table is on the first sheet; others (notes) are not checked
      lastRow = row.row;
      if (!headerSeen) {
        if (row.cells.length <= 1) return; // a title above the table
        headerSeen = true;
        checkHeader(row);
        return;
      }
      const first = row.cells[0];
      if (ended) {
        report(row.row, first?.column, 'END-MARKER-NOT-LAST', `rows follow the end marker "${template.lastRowMarker}" (row ${endMarkerRow}).`, `“${template.lastRowMarker}”（第 ${endMarkerRow} 行）之后不应再有内容。`);
        return;
      }
      if (template.lastRowMarker !== undefined && first?.column === 'A' && typeof first.value === 'string' && first.value.trim() === template.lastRowMarker) {
        ended = true;
        endMarkerRow = row.row;
        return;
      }
      dataRows++;
      checkDataRow(row);
    },
    finish() {
      if (!headerSeen) report(1, 'A', 'HEADER-MISSING', `no header row: the table must start with the headers ${cols.map((c) => c.header).join(', ')}.`, `缺少表头行，应为：${cols.map((c) => c.header).join('、')}。`);
      else if (dataRows === 0) report(lastRow + 1, 'A', 'TABLE-EMPTY', 'the table has no rows.', '表格没有数据行。');
      if (template.lastRowMarker !== undefined && !ended) {
        report(lastRow + 1, 'A', 'END-MARKER-MISSING', `the last row must read "${template.lastRowMarker}".`, `最后一行应填写“${template.lastRowMarker}”。`);
      }
      let completeness: SheetCheckResult['completeness'];
      if (forClass) {
        const studentsWithoutRow: string[] = [];
        for (const s of forClass.students) {
          if (seenStudents.has(s.studentNumber)) continue;
          studentsWithoutRow.push(s.studentNumber);
          report(lastRow + 1, 'A', 'SHEET-STUDENT-MISSING', `${s.studentNumber} ${s.name} of the class has no row.`, `本班学生 ${s.studentNumber} ${s.name} 没有填写。`);
          cols.forEach((c, i) => {
            if (c.required && i !== numberAt && i !== nameAt) missingCells.push({ studentNumber: s.studentNumber, name: s.name, header: c.header, column: colLetters[i] as string });
          });
        }
        // Complete: no cell missing for any student of the class, and nothing else wrong
        // (a cell filled with a code outside the list is not filled in any useful sense).
        completeness = { complete: missingCells.length === 0 && studentsWithoutRow.length === 0 && log.total === 0, missingCells, studentsWithoutRow };
      }
      const kept = log.keptInOrder();
      return {
        template: template.id,
        sheet,
        dataRows,
        problemCount: log.total,
        counts: log.countsByRuleAndColumn(),
        problems: kept.slice(0, context.listedProblems ?? DEFAULT_LISTED_PROBLEMS),
        annotations: kept,
        annotationsComplete: log.complete,
        ...(students ? { students } : {}),
        ...(completeness ? { completeness } : {}),
      };
    },
  };
}
