/**
 * The annotated copy, read back without exceljs (fflate unzips, saxes parses): exactly the
 * bad cells are highlighted, each with its comment in both languages. And a good file of
 * each template, written by exceljs as a school's software would, passes the checks.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../../domain/bilingual.js';
import { startSheetChecks, type RosterStudent } from '../../../domain/uploads/sheet-checks.js';
import {
  EXEMPTION_TABLE,
  INFORMATION_CHANGE,
  SUPERVISION_ITEMS,
  SUPERVISION_SHEET,
  WITHDRAWAL_LIST,
  type SpreadsheetTemplate,
} from '../../../domain/uploads/templates/index.js';
import { writeAnnotatedCopy } from '../../../functions/uploads/annotated-copy.js';
import { bufferSource, readXlsx } from '../../../functions/uploads/xlsx/index.js';
import { all } from '../reports/xlsx-reader.js';
import { templateWorkbook, readAnnotatedCopy } from '../../support/annotated-workbooks.js';

const TODAY = '2026-12-01';
const students: RosterStudent[] = [
  { studentNumber: '1711001201115', name: '刘洋', classId: 'c1' },
  { studentNumber: '1711001201116', name: '王芳', classId: 'c1', registrationNumber: '511611202506000123' },
  { studentNumber: '1711001201117', name: '张伟', classId: 'c1' },
];
const roster = {
  byStudentNumber: (n: string) => students.find((s) => s.studentNumber === n),
  byRegistrationNumber: (n: string) => students.find((s) => s.registrationNumber === n),
  forClass: { classId: 'c1', students },
};


async function checkFile(template: SpreadsheetTemplate, bytes: Uint8Array) {
  const checker = startSheetChecks(template, { today: TODAY, roster });
  const outcome = await readXlsx(bufferSource(bytes), (r) => checker.row(r), { firstSheetOnly: true });
  expect(outcome.ok).toBe(true);
  return checker.finish();
}


describe('the annotated copy', () => {
  it('ANNOTATED-COPY: exactly the bad cells are highlighted, each with a comment in Chinese and English', async () => {
    const bytes = await templateWorkbook(WITHDRAWAL_LIST, [
      [1, '1711001201115', '刘洋', '会计学', '2026-11-20', null],
      [2, '1711001201116', '王芳', null, '2026-02-30', null], // E3: 30 February
      [3, '1711001201115', '刘洋', null, '2026-11-20', null], // B4: below 116 (order) and a repeat of row 2
      [4, '1711001201117', null, null, '2026-11-20', null], // C5: name missing (an empty cell)
    ]);
    const result = await checkFile(WITHDRAWAL_LIST, bytes);
    expect(result.problems.map((p) => [p.column, p.row, p.rule])).toEqual([
      ['E', 3, 'CELL-DATE'],
      ['B', 4, 'ROW-DUPLICATE'],
      ['B', 4, 'ROW-ORDER'],
      ['C', 5, 'CELL-REQUIRED'],
    ]);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const finished = new Promise((resolve) => out.on('end', resolve));
    const written = await writeAnnotatedCopy(bufferSource(bytes), result.annotations, out, { firstSheetOnly: true });
    await finished;
    expect(written).toMatchObject({ ok: true, marked: 3 });

    const { highlighted, comments, sheet } = readAnnotatedCopy(new Uint8Array(Buffer.concat(chunks)));
    expect(highlighted.sort()).toEqual(['B4', 'C5', 'E3']);
    expect([...comments.keys()].sort()).toEqual(['B4', 'C5', 'E3']);
    for (const p of result.problems) {
      const text = comments.get(`${p.column}${p.row}`) ?? '';
      expect(text).toContain(inLanguage(p.message, true));
      expect(text).toContain(inLanguage(p.message, false));
    }
    // the values are carried over: row 2 reads as written
    const row2 = all(sheet, 'row').find((r) => r.attributes['r'] === '2');
    expect(all(row2 ?? sheet, 'v').map((v) => v.text)).toEqual(['1', '1711001201115', '刘洋', '会计学', '2026-11-20']);
  });
});

describe('SPREADSHEET-GOOD-FILES: a good file of each template, written by exceljs, has no problem', () => {
  const marks = SUPERVISION_ITEMS.map(() => '已完成');
  const cases: [SpreadsheetTemplate, unknown[][]][] = [
    [WITHDRAWAL_LIST, [[1, '1711001201115', '刘洋', '会计学', new Date(Date.UTC(2026, 10, 20)), '报考其他院校'], [2, '1711001201116', '王芳', null, new Date(Date.UTC(2026, 10, 21)), null]]],
    [
      INFORMATION_CHANGE,
      [
        ['在籍生', '1711001201115', null, '刘洋', '性别', '男', '女', '录入错误'],
        ['在籍生', '1711001201117', null, '张伟', '民族', '汉族', '回族', '录入错误'],
        ['毕业生', null, '511611202506000123', '王芳', '身份证号', '130123199001011234', '130123199001011235', '录入错误'],
      ],
    ],
    [EXEMPTION_TABLE, [['01300123', '1711001201115', '刘洋', '71', '大学英语B', '年满40周岁'], ['01300123', '1711001201115', '刘洋', 69, null, '计算机证书'], ['/记录行结束/']]],
    [SUPERVISION_SHEET, students.map((s) => [s.studentNumber, s.name, ...marks])],
  ];
  for (const [template, rows] of cases) {
    it(template.id, async () => {
      const result = await checkFile(template, await templateWorkbook(template, rows));
      expect(result.problems).toEqual([]);
      expect(result.dataRows).toBe(template.lastRowMarker ? rows.length - 1 : rows.length);
      if (template.coversClassRoster) expect(result.completeness?.complete).toBe(true);
    });
  }
});
