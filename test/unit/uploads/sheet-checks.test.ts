/**
 * The template checks, fed rows directly (the reader has its own tests): every rule named
 * after what it checks, the expected problems worked out by hand from the rows written here.
 */
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../../domain/bilingual.js';
import { startSheetChecks, type CheckContext, type RosterStudent } from '../../../domain/uploads/sheet-checks.js';
import type { SheetCell, SheetRow } from '../../../domain/uploads/spreadsheet.js';
import { EXEMPTION_TABLE, INFORMATION_CHANGE, SUPERVISION_ITEMS, SUPERVISION_SHEET, WITHDRAWAL_LIST, type SpreadsheetTemplate } from '../../../domain/uploads/templates/index.js';

const TODAY = '2026-12-01';
type Raw = string | number | boolean | null | { date: string } | { error: string };
const cell = (column: string, v: Exclude<Raw, null>): SheetCell =>
  typeof v === 'string'
    ? { column, type: 'string', value: v }
    : typeof v === 'number'
      ? { column, type: 'number', value: v }
      : typeof v === 'boolean'
        ? { column, type: 'boolean', value: v }
        : 'date' in v
          ? { column, type: 'date', value: v.date }
          : { column, type: 'error', value: v.error };
const letter = (i: number) => String.fromCharCode(65 + i);
const row = (n: number, values: readonly Raw[], sheet = '名单'): SheetRow => ({
  sheet,
  row: n,
  cells: values.flatMap((v, i) => (v === null ? [] : [cell(letter(i), v)])),
});
const header = (t: SpreadsheetTemplate) => row(1, t.columns.map((c) => c.header));

const students: RosterStudent[] = [
  { studentNumber: '1711001201115', name: '刘洋', classId: 'c1' },
  { studentNumber: '1711001201116', name: '王芳', classId: 'c1', registrationNumber: '511611202506000123' },
  { studentNumber: '1711001201117', name: '张伟', classId: 'c1' },
  { studentNumber: '1811001201001', name: '李娜', classId: 'c2' },
];
const roster = {
  byStudentNumber: (n: string) => students.find((s) => s.studentNumber === n),
  byRegistrationNumber: (n: string) => students.find((s) => s.registrationNumber === n),
};

function check(template: SpreadsheetTemplate, rows: readonly SheetRow[], context: Partial<CheckContext> = {}) {
  const checker = startSheetChecks(template, { today: TODAY, roster, ...context });
  for (const r of rows) checker.row(r);
  return checker.finish();
}
const found = (result: ReturnType<typeof check>) => result.problems.map((p) => [p.row, p.column, p.rule]);

describe('withdrawal summary list (学信网退学汇总名单)', () => {
  it('WITHDRAWAL-GOOD: a list ascending by student number, every student known by name, has no problem', () => {
    const result = check(WITHDRAWAL_LIST, [
      header(WITHDRAWAL_LIST),
      row(2, [1, '1711001201115', '刘洋', '会计学', { date: '2026-11-20' }, '报考其他院校']),
      row(3, [2, 1711001201116, '王芳', null, '2026-11-21', null]),
    ]);
    expect(result).toMatchObject({ problemCount: 0, dataRows: 2, problems: [] });
  });

  it('WITHDRAWAL-ORDER and ROW-DUPLICATE: a number below the one before is out of order; a number seen before repeats its first row', () => {
    const result = check(WITHDRAWAL_LIST, [
      header(WITHDRAWAL_LIST),
      row(2, [1, '1711001201116', '王芳', null, '2026-11-20']),
      row(3, [2, '1711001201115', '刘洋', null, '2026-11-20']), // 115 < 116: out of order
      row(4, [3, '1711001201117', '张伟', null, '2026-11-20']),
      row(5, [4, '1711001201117', '张伟', null, '2026-11-20']), // again: duplicate of row 4, not out of order
    ]);
    expect(found(result)).toEqual([
      [3, 'B', 'ROW-ORDER'],
      [5, 'B', 'ROW-DUPLICATE'],
    ]);
    expect(inLanguage(result.problems[0]?.message ?? '', true)).toContain('1711001201116（第 2 行）之后');
    expect(inLanguage(result.problems[1]?.message ?? '', false)).toContain('repeats row 4');
  });

  it('STUDENT-UNKNOWN and STUDENT-NAME-MISMATCH: the number must exist and belong to that name', () => {
    const result = check(WITHDRAWAL_LIST, [
      header(WITHDRAWAL_LIST),
      row(2, [1, '1711001201115', '刘阳', null, '2026-11-20']), // 刘洋's number with another name
      row(3, [2, '1711009999999', '王芳', null, '2026-11-20']), // nobody
    ]);
    expect(found(result)).toEqual([
      [2, 'C', 'STUDENT-NAME-MISMATCH'],
      [3, 'B', 'STUDENT-UNKNOWN'],
    ]);
  });

  it('CELL-*: every bad cell of a row is named, none stops the others', () => {
    const result = check(WITHDRAWAL_LIST, [
      header(WITHDRAWAL_LIST),
      // A: 0 is below 1; B: a 16-digit number lost its last digit; C: a line break;
      // D: 101 characters; E: 30 February is no day; F: an Excel error; G: a column the list lacks
      row(2, [0, 1711001201115999, '刘\n洋', '会'.repeat(101), '2026-02-30', { error: '#N/A' }, 'x']),
      // B: TRUE is no number; C missing; E: 2026-12-02 is after today (2026-12-01)
      row(3, [null, true, null, null, { date: '2026-12-02' }]),
      // E: 2025-12-01 → 2026-12-01 is 365 days (2026 has no 29 February), so 2025-11-30 is
      // 366 days back (the most allowed) and 2025-11-29 is 367 (one too many)
      row(4, [null, '1711001201117', '张伟', null, { date: '2025-11-29' }]),
      row(5, [null, '1711001201117', '张伟', null, { date: '2025-11-30' }]), // allowed date, but a repeat of row 4
    ]);
    expect(found(result)).toEqual([
      [2, 'A', 'CELL-INTEGER'],
      [2, 'B', 'CELL-NUMBER-PRECISION'],
      [2, 'C', 'CELL-CONTROL-CHARACTER'],
      [2, 'D', 'CELL-TOO-LONG'],
      [2, 'E', 'CELL-DATE'],
      [2, 'F', 'CELL-ERROR'],
      [2, 'G', 'COLUMN-UNDECLARED'],
      [3, 'B', 'CELL-TYPE'],
      [3, 'C', 'CELL-REQUIRED'],
      [3, 'E', 'CELL-DATE-IMPLAUSIBLE'],
      [4, 'E', 'CELL-DATE-IMPLAUSIBLE'],
      [5, 'B', 'ROW-DUPLICATE'],
    ]);
    const required = result.problems.find((p) => p.rule === 'CELL-REQUIRED');
    expect(required).toMatchObject({ sheet: '名单', row: 3, column: 'C' });
    expect(inLanguage(required?.message ?? '', true)).toBe('“姓名”不能为空。');
    expect(inLanguage(required?.message ?? '', false)).toBe('Name (姓名): must be filled.');
  });

  it('CELL-STUDENT-NUMBER and CELL-DIGITS: a student number is 4 to 20 digits, as text or as a whole number', () => {
    const result = check(
      WITHDRAWAL_LIST,
      [
        header(WITHDRAWAL_LIST),
        row(2, [null, '171', '刘洋', null, '2026-11-20']), // 3 digits: too short
        row(3, [null, '1711-001201115', '王芳', null, '2026-11-20']), // a dash
        row(4, [null, 1711001.5, '张伟', null, '2026-11-20']), // not whole
        row(5, [null, '171100120111512345678', '李娜', null, '2026-11-20']), // 21 digits
      ],
      { roster: undefined },
    );
    expect(found(result)).toEqual([
      [2, 'B', 'CELL-STUDENT-NUMBER'],
      [3, 'B', 'CELL-DIGITS'],
      [4, 'B', 'CELL-DIGITS'],
      [5, 'B', 'CELL-STUDENT-NUMBER'],
    ]);
  });

  it('HEADER-MISMATCH and HEADER-MISSING: a header that reads otherwise is named, and the data under it still checked; a title row above is skipped', () => {
    const result = check(WITHDRAWAL_LIST, [
      row(1, ['学信网退学汇总名单']),
      row(2, ['序号', '学生学号', '姓名', '专业', '申请日期', '退学原因']),
      row(3, [1, '1711001201115', '刘洋', null, 'yesterday']),
    ]);
    expect(found(result)).toEqual([
      [2, 'B', 'HEADER-MISMATCH'],
      [3, 'E', 'CELL-DATE'],
    ]);
    expect(found(check(WITHDRAWAL_LIST, []))).toEqual([[1, 'A', 'HEADER-MISSING']]);
    expect(found(check(WITHDRAWAL_LIST, [header(WITHDRAWAL_LIST)]))).toEqual([[2, 'A', 'TABLE-EMPTY']]);
  });

  it('WITHDRAWAL-STUDENTS: the rows\' students are kept for the batch cross-check when asked', () => {
    const result = check(WITHDRAWAL_LIST, [header(WITHDRAWAL_LIST), row(2, [1, '1711001201115', '刘洋', null, '2026-11-20'])], { collectStudents: true });
    expect(result.students).toEqual([{ number: '1711001201115', name: '刘洋', row: 2 }]);
  });
});

describe('text as the checks take it', () => {
  it('CHECKS-TEXT-NFC: text is compared in NFC without the spaces around it, whether or not it needed changing', () => {
    // Row 2: 刘洋 with a space on each side, matched against the roster once trimmed.
    // Row 3: 王芳 written with U+F9A8 (a CJK compatibility ideograph whose NFC is U+4EE4 令,
    // not 王) — NFC changes it, so the name is not 王芳 and is reported as another name.
    // Row 4: the name in plain CJK and ASCII, taken as it is.
    // Row 5: 张伟 repeated with a no-break space (U+00A0) after it: trimmed, the same number
    // as row 4 repeats it.
    const result = check(
      WITHDRAWAL_LIST,
      [
        header(WITHDRAWAL_LIST),
        row(2, [1, '1711001201115', ' 刘洋 ', null, '2026-11-20']),
        row(3, [2, '1711001201116', '\uF9A8芳', null, '2026-11-20']),
        row(4, [3, '1711001201117', '张伟', null, '2026-11-20']),
        row(5, [4, '1711001201117', '张伟\u00A0', null, '2026-11-20']),
      ],
      { collectStudents: true },
    );
    expect(found(result)).toEqual([
      [3, 'C', 'STUDENT-NAME-MISMATCH'],
      [5, 'B', 'ROW-DUPLICATE'],
    ]);
    expect(result.students?.map((s) => s.name)).toEqual(['刘洋', '\u4EE4芳', '张伟', '张伟']);
  });
});

describe('exemption table (免考信息表)', () => {
  const good = (n: number, center: Raw, subject: Raw = '71', name: Raw = '大学英语B', reason: Raw = '年满40周岁', student = '1711001201115') =>
    row(n, [center, student, '刘洋', subject, name, reason]);

  it('EXEMPTION-CENTER-CODE: exactly 8 digits, zero-padded; a number keeps its 8 digits only if it has them', () => {
    const result = check(EXEMPTION_TABLE, [
      header(EXEMPTION_TABLE),
      good(2, '01300123'), // padded text: right
      good(3, 13001234, '69', '计算机应用基础', '计算机证书'), // 8-digit number: right
      good(4, '1300123', '69', null, '计算机证书', '1711001201116'), // 7 digits
      good(5, 1300123, '71', null, '英语证书', '1711001201116'), // a number that lost its leading zero
      good(6, '0130012A', '71', null, '少数民族', '1711001201117'),
      row(7, ['/记录行结束/']),
    ], { roster: undefined });
    expect(found(result)).toEqual([
      [4, 'A', 'CELL-FIXED-DIGITS'],
      [5, 'A', 'CELL-FIXED-DIGITS'],
      [6, 'A', 'CELL-FIXED-DIGITS'],
    ]);
    expect(inLanguage(result.problems[0]?.message ?? '', true)).toContain('必须是 8 位数字，不足 8 位的用 0 补足');
  });

  it('EXEMPTION-SUBJECT-CODE: codes come from the tenant-editable list (71 大学英语B, 69 计算机应用基础 by default); a name given must be the code\'s', () => {
    const rows = [header(EXEMPTION_TABLE), good(2, '01300123', 72, null), good(3, '01300123', '71', '计算机应用基础'), good(4, '01300123', '69', null, '会弹钢琴'), row(5, ['/记录行结束/'])];
    expect(found(check(EXEMPTION_TABLE, rows))).toEqual([
      [2, 'D', 'CELL-CODE-UNKNOWN'],
      [3, 'E', 'EXEMPTION-SUBJECT-NAME'],
      [4, 'F', 'CELL-CODE-UNKNOWN'],
    ]);
    const tenantLists = { 'exemption-subjects': [{ code: '72', name: '大学语文' }, { code: '71', name: '大学英语B' }, { code: '69', name: '计算机应用基础' }] };
    expect(found(check(EXEMPTION_TABLE, rows, { codeLists: tenantLists }))).toEqual([
      [3, 'E', 'EXEMPTION-SUBJECT-NAME'],
      [4, 'F', 'CELL-CODE-UNKNOWN'],
    ]);
  });

  it('EXEMPTION-END-MARKER: the last row must read /记录行结束/, and nothing may follow it', () => {
    expect(found(check(EXEMPTION_TABLE, [header(EXEMPTION_TABLE), good(2, '01300123')]))).toEqual([[3, 'A', 'END-MARKER-MISSING']]);
    expect(found(check(EXEMPTION_TABLE, [header(EXEMPTION_TABLE), good(2, '01300123'), row(3, ['/记录行结束/']), good(4, '01300123', '69', null, '计算机证书')]))).toEqual([
      [4, 'A', 'END-MARKER-NOT-LAST'],
    ]);
  });
});

describe('information-change table (学生基本信息修改情况统计表)', () => {
  it('INFORMATION-CHANGE-ORDER: new and enrolled students ascend by student number, graduates by registration number, each within its standing', () => {
    const result = check(INFORMATION_CHANGE, [
      header(INFORMATION_CHANGE),
      row(2, ['在籍生', '1711001201117', null, '张伟', '民族', '汉族', '回族', '录入错误']),
      row(3, ['在籍生', '1711001201115', null, '刘洋', '性别', '男', '女', '录入错误']), // below 117: out of order
      row(4, ['毕业生', null, '511611202506000123', '王芳', '姓名', '王芳', '王方', '信息变更']), // a new group starts its own order
      row(5, ['毕业生', null, null, '王芳', '民族', '汉族', '回族', '录入错误']), // a graduate needs the registration number
      row(6, ['毕业生', null, '511621202506000123', '王芳', '性别', '女', '男', '录入错误']), // not 51161…
      row(7, ['新生', '1811001201001', null, '李娜', '学历', '高中', '中专', '录入错误']), // 学历 is no item of the list
    ]);
    expect(found(result)).toEqual([
      [3, 'B', 'ROW-ORDER'],
      [5, 'C', 'CELL-REQUIRED'],
      [6, 'C', 'CELL-REGISTRATION-NUMBER'],
      [7, 'E', 'CELL-CODE-UNKNOWN'],
    ]);
  });

  it('INFORMATION-CHANGE-GRADUATE: a graduate is found by registration number and must bear that name', () => {
    const result = check(INFORMATION_CHANGE, [
      header(INFORMATION_CHANGE),
      row(2, ['毕业生', null, '511611202506000123', '王方', '姓名', '王方', '王芳', '录入错误']),
      row(3, ['毕业生', null, '511611202506000999', '王芳', '姓名', '王芳', '王方', '录入错误']),
    ]);
    expect(found(result)).toEqual([
      [2, 'D', 'STUDENT-NAME-MISMATCH'],
      [3, 'C', 'STUDENT-UNKNOWN'],
    ]);
  });
});

describe('督学统计表 (supervision statistics sheet)', () => {
  const classRoster = {
    ...roster,
    forClass: { classId: 'c1', students: students.filter((s) => s.classId === 'c1') },
  };
  const marks = (fill: (i: number) => Raw) => SUPERVISION_ITEMS.map((_, i) => fill(i));

  it('SUPERVISION-COMPLETE: every duty filled for every student of the class makes the sheet complete', () => {
    const result = check(
      SUPERVISION_SHEET,
      [header(SUPERVISION_SHEET), ...students.slice(0, 3).map((s, i) => row(i + 2, [s.studentNumber, s.name, ...marks(() => '已完成')]))],
      { roster: classRoster },
    );
    expect(result.problemCount).toBe(0);
    expect(result.completeness).toEqual({ complete: true, missingCells: [], studentsWithoutRow: [] });
  });

  it('SUPERVISION-INCOMPLETE: the missing cells are named — two empty duties of one student, and all twenty of a student with no row', () => {
    const result = check(
      SUPERVISION_SHEET,
      [
        header(SUPERVISION_SHEET),
        row(2, ['1711001201115', '刘洋', ...marks(() => '已完成')]),
        // 课程作业 (3rd duty, column E) and 考务工作 (20th, column V) left empty
        row(3, ['1711001201116', '王芳', ...marks((i) => (i === 2 || i === 19 ? null : '不适用'))]),
        // 李娜 is of another class
        row(4, ['1811001201001', '李娜', ...marks(() => '未完成')]),
      ],
      { roster: classRoster },
    );
    // missing: 2 cells of 王芳 + 20 duties of 张伟 (no row) = 22
    expect(result.completeness?.complete).toBe(false);
    expect(result.completeness?.studentsWithoutRow).toEqual(['1711001201117']);
    expect(result.completeness?.missingCells).toHaveLength(22);
    expect(result.completeness?.missingCells.slice(0, 2)).toEqual([
      { studentNumber: '1711001201116', name: '王芳', header: '课程作业', column: 'E', row: 3 },
      { studentNumber: '1711001201116', name: '王芳', header: '考务工作', column: 'V', row: 3 },
    ]);
    expect(result.completeness?.missingCells[2]).toEqual({ studentNumber: '1711001201117', name: '张伟', header: '选课与交费', column: 'C' });
    expect(found(result)).toEqual([
      [3, 'E', 'CELL-REQUIRED'],
      [3, 'V', 'CELL-REQUIRED'],
      [4, 'A', 'STUDENT-NOT-IN-CLASS'],
      [5, 'A', 'SHEET-STUDENT-MISSING'],
    ]);
  });
});

describe('a file with very many problems', () => {
  // 3,000 rows, each with an empty name (C) and a bad date (E): 6,000 problems in two rule/column pairs
  const rows = [header(WITHDRAWAL_LIST), ...Array.from({ length: 3000 }, (_, i) => row(i + 2, [i + 1, String(1711001300000 + i), null, null, 'soon']))];

  it('CHECKS-MANY-PROBLEMS: all are counted per rule and column, the first 1,000 listed in sheet order, all kept for the annotated copy', () => {
    const result = check(WITHDRAWAL_LIST, rows, { roster: undefined });
    expect(result.problemCount).toBe(6000);
    expect(result.counts).toEqual([
      { rule: 'CELL-DATE', column: 'E', count: 3000 },
      { rule: 'CELL-REQUIRED', column: 'C', count: 3000 },
    ]);
    expect(result.problems).toHaveLength(1000);
    expect(result.problems.slice(0, 2).map((p) => [p.row, p.column])).toEqual([
      [2, 'C'],
      [2, 'E'],
    ]);
    expect(result.annotations).toHaveLength(6000);
    expect(result.annotationsComplete).toBe(true);
  });

  it('CHECKS-ANNOTATION-BOUND: past the bound, problems are still counted but no longer kept, and the result says so', () => {
    const result = check(WITHDRAWAL_LIST, rows, { roster: undefined, annotatedProblems: 2500 });
    expect(result.problemCount).toBe(6000);
    expect(result.annotations).toHaveLength(2500);
    expect(result.annotationsComplete).toBe(false);
  });
});
