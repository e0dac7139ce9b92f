/**
 * A tenant's own code lists (`uploads.codeLists` in its configuration) reach the spreadsheet
 * check through the whole upload path: the configuration saved by the tenant admin, the
 * exemption table presigned, POSTed to s3rver and validated against DynamoDB Local.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inLanguage } from '../../../domain/bilingual.js';
import { EXEMPTION_TABLE } from '../../../domain/uploads/templates/index.js';
import { handler as configurationHandler } from '../../../functions/http/configuration.js';
import { invoke } from '../../support/events.js';
import { startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';

let bench: UploadBench;
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-codes' });
});
afterAll(async () => bench.stop());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const [liu, wang] = ['1711001201115', '1711001201116'];
const calendar = {
  academicYears: [{ id: '2026-2027', start: '2026-09-01', end: '2027-08-31' }],
  terms: [{ id: '2026-autumn', start: '2026-09-01', end: '2027-01-15', academicYearId: '2026-2027' }],
};

async function exemptionTable(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(EXEMPTION_TABLE.columns.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  sheet.addRow(['/记录行结束/']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const putConfiguration = (body: unknown, revision?: number) =>
  invoke(configurationHandler, {
    routeKey: 'PUT /tenants/{tenantId}/configuration',
    pathParameters: { tenantId: bench.tenantId },
    principal: bench.admin,
    ...(revision !== undefined ? { headers: { 'content-type': 'application/json', 'if-match': `"${revision}"` } } : {}),
    body,
  });
const pointersAndCodes = (body: { errors?: { pointer: string; code: string }[] }) => (body.errors ?? []).map((e) => [e.pointer, e.code]);
const sendTable = async (rows: unknown[][]) => (await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, await exemptionTable(rows))).body.result;

describe('UPLOAD-TENANT-CODE-LISTS: the exemption table is checked against the code lists in force when it is checked', () => {
  it('before the tenant sets any, the defaults hold (71 大学英语B), and the result names no configuration revision', async () => {
    const result = await sendTable([['01300123', liu, '刘洋', '71', '大学英语B', '年满40周岁']]);
    expect(result).toMatchObject({ verdict: 'accepted', problemCount: 0 });
    expect(result.configurationRevision).toBeUndefined();
  });

  it('a tenant that renumbers 大学英语B as 81 and keeps its own reasons gets its table accepted with 81, and refused with the default 71 and reasons', async () => {
    const saved = await putConfiguration({
      ...calendar,
      uploads: {
        codeLists: {
          exemptionSubjects: [{ code: '81', name: '大学英语B' }, { code: '69', name: '计算机应用基础' }],
          exemptionReasons: [{ code: 'A1', name: '已取得本科学历' }, { code: 'A2', name: '年满四十周岁' }],
        },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);

    // The tenant's code 81 with its name, its reason by code (A1) and by name (年满四十周岁): accepted.
    const own = await sendTable([['01300123', liu, '刘洋', '81', '大学英语B', 'A1'], ['01300123', wang, '王芳', '69', null, '年满四十周岁']]);
    expect(own).toMatchObject({ verdict: 'accepted', problemCount: 0, configurationRevision: 1 });

    // Row 2: the default 71 is no code of the tenant's list (D2); the default reason 年满40周岁 neither (F2).
    const defaults = await sendTable([['01300123', liu, '刘洋', '71', null, '年满40周岁']]);
    expect(defaults).toMatchObject({ verdict: 'rejected', problemCount: 2, configurationRevision: 1 });
    expect(defaults.problems.map((p: { column: string; row: number; rule: string }) => `${p.column}${p.row} ${p.rule}`)).toEqual(['D2 CELL-CODE-UNKNOWN', 'F2 CELL-CODE-UNKNOWN']);
    // The message lists the tenant's codes, not the defaults.
    expect(inLanguage(defaults.problems[0].message, false)).toContain('81, 69');
  });

  it('a later revision is the one in force: the subject named 69 under its own name now fails the name check', async () => {
    const saved = await putConfiguration({ ...calendar, uploads: { codeLists: { exemptionSubjects: [{ code: '69', name: '计算机应用基础（新）' }] } } }, 1);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // The reasons fell back to the defaults (the tenant did not set them in revision 2): 计算机证书 is one.
    const result = await sendTable([['01300123', liu, '刘洋', '69', '计算机应用基础', '计算机证书']]);
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 1, configurationRevision: 2, problems: [{ rule: 'EXEMPTION-SUBJECT-NAME', row: 2, column: 'E' }] });
  });
});

describe('UPLOAD-CODE-LIST-CONTRACT: a code list the tenant saves is bounded and says one thing per code', () => {
  it('refuses an unknown field, an empty list, an overlong code and name, a control character and a list of 51 entries, naming each (400)', async () => {
    const answer = await putConfiguration({
      ...calendar,
      uploads: {
        codeLists: {
          exemptionSubjects: [{ code: '7'.repeat(21), name: '学'.repeat(101) }, { code: '6\u00079', name: 'x' }, { code: '1', name: 'y', note: 'z' }],
          exemptionReasons: [],
          supervisionMarks: [{ code: '已完成', name: 'done' }],
        },
      },
    }, 2);
    expect(answer.status).toBe(400);
    expect(pointersAndCodes(answer.body)).toEqual(
      expect.arrayContaining([
        ['#/uploads/codeLists/supervisionMarks', 'unrecognized_keys'],
        ['#/uploads/codeLists/exemptionSubjects/0/code', 'too_big'],
        ['#/uploads/codeLists/exemptionSubjects/0/name', 'too_big'],
        ['#/uploads/codeLists/exemptionSubjects/1/code', 'custom'],
        ['#/uploads/codeLists/exemptionSubjects/2/note', 'unrecognized_keys'],
        ['#/uploads/codeLists/exemptionReasons', 'too_small'],
      ]),
    );
    const long = await putConfiguration({ ...calendar, uploads: { codeLists: { exemptionSubjects: Array.from({ length: 51 }, (_, i) => ({ code: String(i), name: `科目${i}` })) } } }, 2);
    expect(long.status).toBe(400);
    expect(pointersAndCodes(long.body)).toEqual([['#/uploads/codeLists/exemptionSubjects', 'too_big']]);
  });

  it('refuses a code listed twice, a name given to two codes and a code that is another entry’s name, naming each (422)', async () => {
    const answer = await putConfiguration({
      ...calendar,
      uploads: {
        codeLists: {
          // Entry 1 repeats code 71; entry 2 repeats the name 大学英语B; entry 3's code 计算机应用基础 is entry 4's name.
          exemptionSubjects: [{ code: '71', name: '大学英语B' }, { code: '71', name: '大学英语A' }, { code: '72', name: '大学英语B' }, { code: '计算机应用基础', name: '计算机' }, { code: '69', name: '计算机应用基础' }],
        },
      },
    }, 2);
    expect(answer.status).toBe(422);
    expect(pointersAndCodes(answer.body)).toEqual([
      ['#/uploads/codeLists/exemptionSubjects/1/code', 'configuration.duplicate-code'],
      ['#/uploads/codeLists/exemptionSubjects/2/name', 'configuration.duplicate-code-name'],
      ['#/uploads/codeLists/exemptionSubjects/3/code', 'configuration.code-is-another-name'],
    ]);
  });

  it('stores names NFC-normalised and trimmed, so a decomposed name matches the cell as typed', async () => {
    // 'é' as e + U+0301 (decomposed) is stored as U+00E9.
    const saved = await putConfiguration({ ...calendar, uploads: { codeLists: { exemptionSubjects: [{ code: ' 71 ', name: 'Anglais caf\u0065\u0301' }] } } }, 2);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.uploads.codeLists.exemptionSubjects).toEqual([{ code: '71', name: 'Anglais caf\u00e9' }]);
  });
});

describe('UPLOAD-RESULT-BOUNDED: messages quoting a long code list stop the listing by bytes, not by count', () => {
  it('150 bad reasons, each message quoting 50 reasons of 20 characters, list fewer than 150 within 280,000 bytes, and count all 150', async () => {
    // 50 subjects S01–S50 and 50 reasons of 20 Chinese characters each. Three students × 50 subjects = 150 rows,
    // unique by student and subject, each with the reason 无此原因 (not on the list): 150 × CELL-CODE-UNKNOWN in F,
    // nothing else. Each message quotes the 50 codes twice (English and Chinese): 50 × 60 bytes + 49 × 2 (", ")
    // = 3,098 bytes a language, 6,196 and more a problem, so at most 280,000 / 6,196 = 45.2 → 45 fit.
    const subjects = Array.from({ length: 50 }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `科目${i + 1}` }));
    // Each code: 19 × 因 and one of 一丁丂七…, 20 characters of 3 bytes in UTF-8 = 60 bytes.
    const reasons = Array.from({ length: 50 }, (_, i) => ({ code: `${'因'.repeat(19)}${String.fromCharCode(0x4e00 + i)}`, name: `免考原因${i + 1}` }));
    const current = await invoke(configurationHandler, { routeKey: 'GET /tenants/{tenantId}/configuration', pathParameters: { tenantId: bench.tenantId }, principal: bench.admin });
    const revision: number | undefined = current.status === 200 ? current.body.revision : undefined;
    const saved = await putConfiguration({ ...calendar, uploads: { codeLists: { exemptionSubjects: subjects, exemptionReasons: reasons } } }, revision);
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const rows = bench.students.flatMap((s) => subjects.map((subject) => ['01300123', s.studentNumber, s.name, subject.code, null, '无此原因']));
    const result = await sendTable(rows);
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 150, listingStoppedBy: 'bytes', configurationRevision: saved.body.revision });
    expect(result.listedProblemCount).toBe(result.problems.length);
    expect(result.problems.length).toBeLessThanOrEqual(45);
    expect(result.problems.every((p: { rule: string; column: string }) => p.rule === 'CELL-CODE-UNKNOWN' && p.column === 'F')).toBe(true);
    // The listed problems are the first, in row order (rows 2, 3, …), and one more would pass the budget.
    expect(result.problems.map((p: { row: number }) => p.row)).toEqual(result.problems.map((_: unknown, i: number) => i + 2));
    const bytes = Buffer.byteLength(JSON.stringify(result.problems), 'utf8');
    const last = Buffer.byteLength(JSON.stringify(result.problems.at(-1)), 'utf8');
    expect(bytes).toBeLessThanOrEqual(280_000);
    expect(bytes + 1 + last).toBeGreaterThan(280_000);
  });
});
