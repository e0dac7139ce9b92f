/**
 * The four spreadsheet purposes through the whole path (presign → a real multipart POST to
 * s3rver → its event → the validator → the result in DynamoDB Local): every bad cell named,
 * the annotated copy written to the reports bucket and read back through the download
 * route (fflate unzips, saxes parses, as the unit tests do), a zip bomb refused from the
 * zip's directory, and the 督学统计表 moving CT-SUPERVISION-SHEET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inLanguage } from '../../../domain/bilingual.js';
import { evaluate } from '../../../domain/compliance/index.js';
import { engineInput } from '../../../domain/standing.js';
import { EXEMPTION_TABLE, INFORMATION_CHANGE, SUPERVISION_ITEMS, SUPERVISION_SHEET, WITHDRAWAL_LIST } from '../../../domain/uploads/templates/index.js';
import { classRecordsOf } from '../../../functions/class-records.js';
import { configFromEnv, createDependencies } from '../../../functions/composition.js';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { invoke } from '../../support/events.js';
import { startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';
import { workbookParts } from '../../unit/uploads/workbook-builder.js';
import { repeatedEntry, writeZip } from '../../unit/uploads/zip-writer.js';
import { templateWorkbook, readAnnotatedCopy } from '../../support/annotated-workbooks.js';

let bench: UploadBench;
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-sheets' });
});
afterAll(async () => bench.stop());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const [liu, wang, li] = ['1711001201115', '1711001201116', '1711001201117'];



const download = (uploadId: string, copy: 'verdict' | 'annotated') =>
  invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}/download', pathParameters: { tenantId: bench.tenantId, uploadId }, principal: bench.registrar, query: { copy } });

describe('an exemption table (免考信息表) with bad cells', () => {
  it('is rejected naming each bad cell, and its annotated copy marks exactly those cells, each with its comment', async () => {
    const bytes = await templateWorkbook(EXEMPTION_TABLE, [
      ['01300123', liu, '刘洋', '71', '大学英语B', '年满40周岁'],
      ['1300123', wang, '王芳', '69', '计算机应用基础', '计算机证书'], // A3: 7 digits, not the 8 the seed requires
      ['01300123', li, '李雷', '99', null, '英语证书'], // D4: 99 is no subject code (71 and 69 are)
      ['01300123', li, '韩梅梅', '71', null, '英语证书'], // C5: 1711001201117 is 李雷, not 韩梅梅
      ['/记录行结束/'],
    ]);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, bytes);
    const result = read.body.result;
    expect(result.verdict).toBe('rejected');
    expect(result.problems.map((p: { column: string; row: number; rule: string }) => `${p.column}${p.row} ${p.rule}`)).toEqual(['A3 CELL-FIXED-DIGITS', 'D4 CELL-CODE-UNKNOWN', 'C5 STUDENT-NAME-MISMATCH']);
    expect(result.problemCount).toBe(3);
    expect(result.annotatedKey).toBe(`upload-annotations/${bench.tenantId}/${read.body.uploadId}/${result.etag}.xlsx`);

    const link = await download(read.body.uploadId, 'annotated');
    expect(link.status).toBe(200);
    const { highlighted, comments } = readAnnotatedCopy(new Uint8Array(await (await fetch(link.body.url)).arrayBuffer()));
    expect(highlighted.sort()).toEqual(['A3', 'C5', 'D4']);
    expect([...comments.keys()].sort()).toEqual(['A3', 'C5', 'D4']);
    for (const p of result.problems) {
      expect(comments.get(`${p.column}${p.row}`)).toContain(inLanguage(p.message, true));
      expect(comments.get(`${p.column}${p.row}`)).toContain(inLanguage(p.message, false));
    }
  });

  it('a good one is accepted, with no annotated copy to download', async () => {
    const bytes = await templateWorkbook(EXEMPTION_TABLE, [['01300123', liu, '刘洋', '71', '大学英语B', '年满40周岁'], ['01300123', liu, '刘洋', '69', null, '计算机证书'], ['/记录行结束/']]);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', problems: [], problemCount: 0 });
    expect(read.body.result.annotatedKey).toBeUndefined();
    expect((await download(read.body.uploadId, 'annotated')).status).toBe(404);
  });
});

describe('a zip bomb named .xlsx', () => {
  it('is refused from the sizes its zip directory declares, before inflating (XLSX-PART-TOO-LARGE), with no copy annotated', async () => {
    // 1,024 units of ~1 MiB of sheet XML (~1 GiB) deflate to about 1 MB: see the reader's unit tests.
    const head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const unit = `<row><c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c></row>${' '.repeat(15 * 1024)}`.repeat(64);
    const parts = workbookParts([{ name: 'S', rows: [] }]).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? repeatedEntry(e.name, head, unit, 1024, '</sheetData></worksheet>') : e));
    const bomb = new Uint8Array(writeZip(parts));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, bomb);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', problemCount: 1, problems: [{ rule: 'XLSX-PART-TOO-LARGE' }] });
    expect(read.body.result.annotatedKey).toBeUndefined();
  });
});

describe('a withdrawal summary list is checked row by row', () => {
  it('against the roster, and its rows are what the result lists for the batch cross-check', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const bytes = await templateWorkbook(WITHDRAWAL_LIST, [[1, liu, '刘洋', '会计学', today, null], [2, li, '李雷', null, today, null]]);
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', problemCount: 0, listedStudents: [liu, li] });
  });
});

describe('a list with more problems than the result lists (1,000 listed, within 280,000 bytes of JSON)', () => {
  const today = new Date().toISOString().slice(0, 10);

  it('short problems stop the listing at the count: 1,200 found, the first 1,000 listed, counted per rule', async () => {
    // 刘洋, 王芳 and 李雷 (rows 2–4), every template cell right, each row with a value in the 400 columns after F
    // (G, the 7th, to the 406th): 3 × 400 = 1,200 × COLUMN-UNDECLARED and nothing else. In sheet order the first
    // 1,000 are row 2's 400, row 3's 400 and row 4's first 200: G4 to the 206th column, 206 = 7 × 26 + 24 → GX4.
    // Each is about 170 bytes of JSON ("a value in a column the template does not have." and its Chinese, 36
    // bytes, the separator escaped as \u001f, the rule, sheet, row and column): 1,000 of them with their commas
    // ≈ 173 KB, so the count stops the list, not the budget — and would until a problem passed
    // (280,000 − 2 + 1) / 1,000 − 1 = 279 bytes.
    const undeclared = Array.from({ length: 400 }, () => 'x');
    const rows = [[1, liu, '刘洋', null, today, null, ...undeclared], [2, wang, '王芳', null, today, null, ...undeclared], [3, li, '李雷', null, today, null, ...undeclared]];
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx }, await templateWorkbook(WITHDRAWAL_LIST, rows));
    const result = read.body.result;
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 1200, listedProblemCount: 1000, listingStoppedBy: 'count', listedStudents: [liu, wang, li] });
    expect(result.problems).toHaveLength(1000);
    expect(result.problems.every((p: { rule: string }) => p.rule === 'COLUMN-UNDECLARED')).toBe(true);
    expect([result.problems[0], result.problems[999]].map((p: { column: string; row: number }) => `${p.column}${p.row}`)).toEqual(['G2', 'GX4']);
    expect(Buffer.byteLength(JSON.stringify(result.problems), 'utf8')).toBeLessThan(280_000);
    // 400 columns are more than a template has (25 are counted one by one): counted per rule, with its columns.
    expect(result.problemCounts).toEqual([{ rule: 'COLUMN-UNDECLARED', count: 1200, columns: 400 }]);
  });

  it('long problems stop the listing at the byte budget first: 6 found, 5 listed, every one counted per rule and column', async () => {
    // 刘洋, 王芳 and 李雷 (rows 2–4), each with an error value of 25,000 characters (# and 24,999 × E, ASCII) in the
    // subject code (D) and the reason (F): 3 × 2 = 6 × CELL-ERROR, nothing else. Each message quotes the value in
    // English and in Chinese: 50,000 bytes, plus the words, rule, sheet, row and column around it, w bytes.
    // The list's JSON is 2 + k × (50,000 + w) + (k − 1) commas: for any w from 0 to 5,998, k = 5 fits
    // (5 × 55,998 + 6 = 279,996 ≤ 280,000) and k = 6 does not (6 × 50,000 + 7 > 280,000). So 5 listed of 6,
    // D2, F2, D3, F3, D4; F4 counted but not listed.
    const error = { error: `#${'E'.repeat(24_999)}` };
    const rows = [['01300123', liu, '刘洋', error, null, error], ['01300123', wang, '王芳', error, null, error], ['01300123', li, '李雷', error, null, error], ['/记录行结束/']];
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, await templateWorkbook(EXEMPTION_TABLE, rows));
    const result = read.body.result;
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 6, listedProblemCount: 5, listingStoppedBy: 'bytes' });
    expect(result.problems.map((p: { rule: string; column: string; row: number }) => `${p.rule} ${p.column}${p.row}`)).toEqual(['CELL-ERROR D2', 'CELL-ERROR F2', 'CELL-ERROR D3', 'CELL-ERROR F3', 'CELL-ERROR D4']);
    expect(Buffer.byteLength(JSON.stringify(result.problems), 'utf8')).toBeLessThanOrEqual(280_000);
    expect(result.problemCounts).toEqual([{ rule: 'CELL-ERROR', column: 'D', count: 3 }, { rule: 'CELL-ERROR', column: 'F', count: 3 }]);
  });

  it('a batch\'s list of more students than a batch covers keeps no rows, and every problem is counted', async () => {
    // 1,001 rows, numbers 1711001300000 to 1711001301000, none on the class's roster: 1,001 × STUDENT-UNKNOWN in B,
    // and the batch's list names 1,001 students, one more than a batch's 1,000: one LIST-TOO-MANY-STUDENTS. 1,002 in all.
    const declared = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { kind: 'withdrawal', classId: bench.classId, studentNumbers: [liu, wang] } });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    const rows = Array.from({ length: 1001 }, (_, i) => [i + 1, String(1711001300000 + i), '某某', null, today, null]);
    const book = await templateWorkbook(WITHDRAWAL_LIST, rows);
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx, batchId: declared.body.batchId }, book);
    const result = read.body.result;
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 1002 });
    expect(result.problems[0].rule).toBe('LIST-TOO-MANY-STUDENTS');
    expect(result.problemCounts).toEqual([{ rule: 'LIST-TOO-MANY-STUDENTS', count: 1 }, { rule: 'STUDENT-UNKNOWN', column: 'B', count: 1001 }]);
    expect(result.listedStudents).toBeUndefined();
    expect(result.annotatedKey).toBeDefined();

    // The same list sent alone (no batch to cross-check, so no students kept): its 1,001 cells, and no bound on its length.
    const alone = (await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx }, book)).body.result;
    expect(alone).toMatchObject({ verdict: 'rejected', problemCount: 1001 });
    expect(alone.problemCounts).toEqual([{ rule: 'STUDENT-UNKNOWN', column: 'B', count: 1001 }]);
    expect(alone.listedStudents).toBeUndefined();
  });
});

describe('an information-change table (学生基本信息修改情况统计表)', () => {
  it('is checked against the roster: a number not of this school is named, and the rows it lists are its students', async () => {
    const bytes = await templateWorkbook(INFORMATION_CHANGE, [
      ['在籍生', liu, null, '刘洋', '性别', '男', '女', '录入错误'],
      ['在籍生', '1711001209999', null, '张三', '民族', '汉族', '回族', '录入错误'], // B3: no such student
    ]);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'change-table', fileName: '信息修改统计表.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', problemCount: 1, problems: [{ rule: 'STUDENT-UNKNOWN', row: 3, column: 'B' }], listedStudents: [liu, '1711001209999'] });
    expect(read.body.result.annotatedKey).toBeDefined();
  });
});

describe('the 督学统计表 moves CT-SUPERVISION-SHEET for its class and term', () => {
  // The autumn term of 2026 runs to 15 January 2027; the sheet is due a week later, by 22 January.
  // Evaluated on 1 February 2027, after the deadline, with the uploads validated today (before it).
  const termId = '2026-autumn';
  const configuration = {
    academicYears: [{ id: '2026-2027', start: '2026-09-01', end: '2027-08-31' }],
    terms: [{ id: termId, start: '2026-09-01', end: '2027-01-15', academicYearId: '2026-2027' }],
  };
  const finding = async () => {
    const records = (await classRecordsOf(createDependencies(configFromEnv()), bench.tenantId, bench.classId))!;
    const input = engineInput({ tenantId: bench.tenantId, configuration, configurationRevision: 1, classes: [records], ownRecords: [], asOf: '2027-02-01T00:00:00+08:00' });
    return evaluate({ ...input, termId }).findings.find((f) => f.ruleId === 'CT-SUPERVISION-SHEET' && f.subject.id === bench.classId)!;
  };
  const done = SUPERVISION_ITEMS.map(() => '已完成');
  const send = (rows: unknown[][]) => templateWorkbook(SUPERVISION_SHEET, rows).then((bytes) => uploadFile(bench, bench.teacher, { purpose: 'supervision-sheet', fileName: '督学统计表.xlsx', termId, contentType: xlsx }, bytes));

  it('an incomplete sheet (王芳’s 课程作业 empty, 李雷 without a row) is rejected, not complete, and leaves the finding missed', async () => {
    // Row 3 is 王芳's: columns A 学号, B 姓名, then the twenty duties from C; 课程作业 is the third, E.
    const read = await send([[liu, '刘洋', ...done], [wang, '王芳', '已完成', '已完成', null, ...done.slice(3)]]);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', complete: false });
    expect(read.body.result.problems.map((p: { column: string; row: number; rule: string }) => `${p.column}${p.row} ${p.rule}`)).toEqual(['E3 CELL-REQUIRED', 'A4 SHEET-STUDENT-MISSING']);
    // Missing: 王芳's E3, and 李雷's twenty duties (no row): 21 cells.
    expect(read.body.result.missingCellCount).toBe(21);
    expect(read.body.result.missingCells[0]).toEqual({ studentNumber: wang, header: '课程作业', column: 'E' });
    // The reason names the first ten: 王芳's 课程作业, then 李雷's first nine duties in the template's order; 21 − 10 = 11 more.
    expect(await finding()).toMatchObject({
      status: 'missed',
      actual: 0,
      required: 1,
      reason:
        `1 incomplete sheet(s) do not count; the latest leaves 21 cell(s) empty: ${wang} 课程作业, ` +
        `${li} 选课与交费, ${li} 课程学习, ${li} 课程作业, ${li} 课程学习活动, ${li} 期末复习, ${li} 毕业论文(实习), ${li} 统考辅导, ${li} 教材征订, ${li} 教材发放 and 11 more`,
    });
  });

  it('a complete sheet, every duty filled for every student of the class, is accepted and moves the finding to met', async () => {
    const read = await send([[liu, '刘洋', ...done], [wang, '王芳', ...done], [li, '李雷', ...done]]);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', complete: true, problemCount: 0 });
    expect(await finding()).toMatchObject({ status: 'met', actual: 1, required: 1 });
  });
});
