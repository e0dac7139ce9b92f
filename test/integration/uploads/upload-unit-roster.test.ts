/**
 * Whose students a spreadsheet's rows may name, through the whole upload path (s3rver,
 * DynamoDB Local): the registry's tables (免考信息表, 学生基本信息修改情况统计表) are the unit's
 * and name students of any of its classes; the withdrawal list and the 督学统计表 stay one
 * class's.
 *
 * The unit center-u1 has class-u1 (the bench's: 刘洋, 王芳, 李雷) and class-u2 (赵六, and the
 * graduate 钱七 with registration number 511611202506000777); the unit center-u2 has
 * class-v1 (孙八).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXEMPTION_TABLE, INFORMATION_CHANGE, SUPERVISION_ITEMS, SUPERVISION_SHEET, WITHDRAWAL_LIST } from '../../../domain/uploads/templates/index.js';
import { configFromEnv, createDependencies } from '../../../functions/composition.js';
import { handler as roster } from '../../../functions/http/roster.js';
import { invoke } from '../../support/events.js';
import { startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';
import { templateWorkbook } from '../../support/annotated-workbooks.js';

let bench: UploadBench;
const [liu, wang, li] = ['1711001201115', '1711001201116', '1711001201117'];
const zhao = '1711001202001';
const qian = { studentNumber: '1711001202002', registrationNumber: '511611202506000777' };
const sun = '1711009900001';

beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-unit-roster' });
  const { tenantId, admin } = bench;
  // class-u2 of the same unit, written by the roster repository: the HTTP contract has no
  // registration number yet (graduates' numbers come with the graduation work).
  await createDependencies(configFromEnv()).roster.createClass(
    { tenantId, classId: 'class-u2', unitId: bench.unitId, name: '2025级会计2班', cohort: 'new', entryTerm: '2025-autumn', version: 1 },
    [
      { tenantId, classId: 'class-u2', studentNumber: zhao, name: '赵六' },
      { tenantId, classId: 'class-u2', studentNumber: qian.studentNumber, name: '钱七', registrationNumber: qian.registrationNumber },
    ],
    { tenantId, classId: 'class-u2', version: 1, before: {}, after: {}, by: admin.userId, at: new Date().toISOString() },
  );
  const unit = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId: 'center-u2', name: '宁波学习中心', kind: 'learning-center' } });
  expect(unit.status).toBe(201);
  const other = await invoke(roster, {
    routeKey: 'POST /tenants/{tenantId}/classes',
    pathParameters: { tenantId },
    principal: admin,
    body: { classId: 'class-v1', unitId: 'center-u2', name: '2025级会计1班', cohort: 'new', entryTerm: '2025-autumn', students: [{ studentNumber: sun, name: '孙八' }] },
  });
  expect(other.status, JSON.stringify(other.body)).toBe(201);
});
afterAll(async () => bench.stop());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const cells = (result: { problems: { column: string; row: number; rule: string }[] }) => result.problems.map((p) => `${p.column}${p.row} ${p.rule}`);

describe('UPLOAD-UNIT-ROSTER: the registry’s tables name students of any class of the unit', () => {
  it('an exemption table naming students of two classes of the unit is accepted', async () => {
    const bytes = await templateWorkbook(EXEMPTION_TABLE, [['01300123', liu, '刘洋', '71', null, '年满40周岁'], ['01300123', zhao, '赵六', '69', null, '计算机证书'], ['/记录行结束/']]);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', problemCount: 0 });
  });

  it('a student of another unit is refused as STUDENT-UNKNOWN (row 4, 学号 in B), and so is a name that is not the student’s (C3)', async () => {
    const bytes = await templateWorkbook(EXEMPTION_TABLE, [
      ['01300123', liu, '刘洋', '71', null, '年满40周岁'],
      ['01300123', zhao, '王芳', '69', null, '计算机证书'], // C3: 1711001202001 is 赵六
      ['01300123', sun, '孙八', '71', null, '英语证书'], // B4: 孙八 is of center-u2
      ['/记录行结束/'],
    ]);
    const read = await uploadFile(bench, bench.registrar, { purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', problemCount: 2 });
    expect(cells(read.body.result)).toEqual(['C3 STUDENT-NAME-MISMATCH', 'B4 STUDENT-UNKNOWN']);
  });

  it('an information-change table finds a graduate of the other class by registration number, and lists him by his student number', async () => {
    const bytes = await templateWorkbook(INFORMATION_CHANGE, [
      ['在籍生', wang, null, '王芳', '民族', '汉族', '回族', '录入错误'],
      ['毕业生', null, qian.registrationNumber, '钱七', '姓名', '钱7', '钱七', '录入错误'],
    ]);
    const read = await uploadFile(bench, bench.director, { purpose: 'change-table', fileName: '信息修改统计表.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', problemCount: 0, listedStudents: [wang, qian.studentNumber] });
  });
});

describe('UPLOAD-CLASS-ROSTER: the withdrawal list and the 督学统计表 stay one class’s', () => {
  it('a withdrawal list of class-u1 naming 赵六 of class-u2 refuses him (B3 STUDENT-UNKNOWN)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const bytes = await templateWorkbook(WITHDRAWAL_LIST, [[1, liu, '刘洋', null, today, null], [2, zhao, '赵六', null, today, null]]);
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', problemCount: 1 });
    expect(cells(read.body.result)).toEqual(['B3 STUDENT-UNKNOWN']);
  });

  it('a 督学统计表 of class-u1 is complete with class-u1’s three students: class-u2’s are not asked for', async () => {
    const done = SUPERVISION_ITEMS.map(() => '已完成');
    const bytes = await templateWorkbook(SUPERVISION_SHEET, [[liu, '刘洋', ...done], [wang, '王芳', ...done], [li, '李雷', ...done]]);
    const read = await uploadFile(bench, bench.teacher, { purpose: 'supervision-sheet', fileName: '督学统计表.xlsx', termId: '2026-autumn', contentType: xlsx }, bytes);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', complete: true, problemCount: 0 });
  });
});
