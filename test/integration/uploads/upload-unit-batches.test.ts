/**
 * Unit-wide information-change batches (seed 003 五: one 学生基本信息修改情况统计表 per 教学点,
 * each student's evidence in their own folder), through the whole path: presign → s3rver →
 * object event → validator → cross-check, on DynamoDB Local.
 *
 * The unit center-u1 has class-u1 (the bench's: 刘洋, 王芳, 李雷), class-u2 (赵六) and
 * class-u3 (周九); the unit center-u2 has class-v1 (孙八), whose registrar is registrar-2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../domain/access.js';
import { INFORMATION_CHANGE } from '../../../domain/uploads/templates/index.js';
import { handler as roster } from '../../../functions/http/roster.js';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { templateWorkbook } from '../../support/annotated-workbooks.js';
import { invoke, type JsonResponse } from '../../support/events.js';
import { jpeg } from '../../support/image-corpus.js';
import { readUpload, requestUpload, startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';

let bench: UploadBench;
let otherRegistrar: Principal;
const wang = { studentNumber: '1711001201116', name: '王芳' }; // class-u1
const li = { studentNumber: '1711001201117', name: '李雷' }; // class-u1
const zhao = { studentNumber: '1711001202001', name: '赵六' }; // class-u2
const zhou = { studentNumber: '1711001203001', name: '周九' }; // class-u3
const sun = { studentNumber: '1711009900001', name: '孙八' }; // class-v1 of center-u2

async function createClass(classId: string, unitId: string, students: { studentNumber: string; name: string }[]): Promise<void> {
  const created = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId: bench.tenantId }, principal: bench.admin, body: { classId, unitId, name: `2025级${classId}`, cohort: 'new', entryTerm: '2025-autumn', students } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-unit-batches' });
  await createClass('class-u2', bench.unitId, [zhao]);
  await createClass('class-u3', bench.unitId, [zhou]);
  const unit = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId: bench.tenantId }, principal: bench.admin, body: { unitId: 'center-u2', name: '宁波学习中心', kind: 'learning-center' } });
  expect(unit.status).toBe(201);
  await createClass('class-v1', 'center-u2', [sun]);
  otherRegistrar = { userId: 'registrar-2', tenantId: bench.tenantId, unitId: 'center-u2', roles: ['registrar'] };
});
afterAll(async () => bench.stop());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idCard = jpeg({ width: 600, height: 800 });

const declare = (principal: Principal, body: Record<string, unknown>): Promise<JsonResponse> =>
  invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal, body });
const readBatch = (principal: Principal, batchId: string): Promise<JsonResponse> =>
  invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/upload-batches/{batchId}', pathParameters: { tenantId: bench.tenantId, batchId }, principal });
const pointers = (response: JsonResponse): string[] => response.body.errors.map((e: { pointer: string }) => e.pointer);

async function unitBatchOf(students: { studentNumber: string }[]): Promise<string> {
  const declared = await declare(bench.registrar, { kind: 'information-change', unitId: bench.unitId, studentNumbers: students.map((s) => s.studentNumber) });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  return declared.body.batchId as string;
}

/** A student's 身份证.jpg in their own folder, uploaded under their own class. */
async function evidence(batchId: string, classId: string, student: { studentNumber: string; name: string }): Promise<JsonResponse> {
  const read = await uploadFile(bench, bench.registrar, { purpose: 'change-evidence', classId, folder: `${student.studentNumber}${student.name}`, fileName: '身份证.jpg', contentType: 'image/jpeg', batchId }, idCard);
  expect(read.body.result.verdict).toBe('accepted');
  return read;
}

/** The unit's table, uploaded once for the unit: one 民族 correction per student, in-school students ascending by number. */
async function unitTable(batchId: string, students: { studentNumber: string; name: string }[]): Promise<JsonResponse> {
  const rows = students.map((s) => ['在籍生', s.studentNumber, null, s.name, '民族', '汉族', '回族', '录入错误']);
  return uploadFile(bench, bench.registrar, { purpose: 'change-table', unitId: bench.unitId, fileName: '信息修改统计表.xlsx', contentType: xlsx, batchId }, await templateWorkbook(INFORMATION_CHANGE, rows));
}

describe('UNIT-BATCH-CROSS-CHECK: a unit batch is matched over the files of its students wherever they were uploaded', () => {
  it('two students of two classes, evidence first and the unit’s table last: matched', async () => {
    const batchId = await unitBatchOf([wang, zhao]);
    const declared = (await readBatch(bench.registrar, batchId)).body;
    expect(declared).toMatchObject({ unitId: bench.unitId, awaiting: ['change-table', `change-evidence:${wang.studentNumber}`, `change-evidence:${zhao.studentNumber}`] });
    expect(declared.classId).toBeUndefined();
    // Reverse order: 赵六's evidence (class-u2), then 王芳's (class-u1), then the table (the unit).
    await evidence(batchId, 'class-u2', zhao);
    await evidence(batchId, 'class-u1', wang);
    const waiting = (await readBatch(bench.registrar, batchId)).body;
    expect(waiting.awaiting).toEqual(['change-table']);
    expect(waiting.crossCheck).toBeUndefined();
    const table = await unitTable(batchId, [wang, zhao]);
    expect(table.body).toMatchObject({ unitId: bench.unitId, result: { verdict: 'accepted', listedStudents: [wang.studentNumber, zhao.studentNumber] } });
    expect(table.body.classId).toBeUndefined();
    const batch = (await readBatch(bench.registrar, batchId)).body;
    expect(batch.awaiting).toEqual([]);
    expect(batch.crossCheck).toMatchObject({ status: 'matched', listRejected: false, rowsWithoutFile: [], filesWithoutRow: [], rejectedFiles: [] });
  });

  it('a table naming 周九 of a third class instead of the declared 赵六: 周九’s row has no file, 赵六’s file no row', async () => {
    // Declared 王芳 and 赵六, both send evidence (accepted). The table's rows are 王芳 and 周九
    // (周九 is of class-u3 of the same unit, so the table itself is accepted).
    // rows = {王芳, 周九}; files' students = {王芳, 赵六}, all accepted.
    // rowsWithoutFile = rows without an accepted or rejected file = {周九};
    // filesWithoutRow = files' students not among the rows = {赵六}; rejectedFiles = none.
    const batchId = await unitBatchOf([wang, zhao]);
    await evidence(batchId, 'class-u1', wang);
    await evidence(batchId, 'class-u2', zhao);
    const table = await unitTable(batchId, [wang, zhou]);
    expect(table.body.result).toMatchObject({ verdict: 'accepted', listedStudents: [wang.studentNumber, zhou.studentNumber] });
    expect((await readBatch(bench.registrar, batchId)).body.crossCheck).toMatchObject({
      status: 'mismatched',
      listRejected: false,
      rowsWithoutFile: [zhou.studentNumber],
      filesWithoutRow: [zhao.studentNumber],
      rejectedFiles: [],
    });
  });
});

describe('UNIT-BATCH-DECLARATION: a unit batch covers students of the unit, is the registry’s, and is information-change only', () => {
  it('refuses a student of another unit, naming its index, in both languages', async () => {
    const body = { kind: 'information-change', unitId: bench.unitId, studentNumbers: [wang.studentNumber, sun.studentNumber, zhou.studentNumber] };
    const refused = await declare(bench.registrar, body);
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '#/studentNumbers/1', code: 'upload.student-not-in-unit', detail: `student ${sun.studentNumber} is not in unit center-u1` })]);
    const inChinese = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.registrar, body, headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' } });
    expect(inChinese.body.errors).toEqual([expect.objectContaining({ pointer: '#/studentNumbers/1', detail: `学生 ${sun.studentNumber} 不在单位 center-u1` })]);
  });

  it('refuses a withdrawal batch for a unit (学信网退学 lists are one class’s)', async () => {
    const refused = await declare(bench.registrar, { kind: 'withdrawal', unitId: bench.unitId, studentNumbers: [wang.studentNumber] });
    expect(refused.status).toBe(422);
    expect(pointers(refused)).toEqual(['#/unitId']);
  });

  it('refuses a body naming both a class and a unit, or neither (400 naming both fields)', async () => {
    const both = await declare(bench.registrar, { kind: 'information-change', classId: bench.classId, unitId: bench.unitId, studentNumbers: [wang.studentNumber] });
    const neither = await declare(bench.registrar, { kind: 'information-change', studentNumbers: [wang.studentNumber] });
    expect([both.status, neither.status]).toEqual([400, 400]);
    expect(pointers(both)).toEqual(['#/classId', '#/unitId']);
    expect(pointers(neither)).toEqual(['#/classId', '#/unitId']);
  });

  it('is declared by the unit’s director; not by a class teacher of the unit, nor by another unit’s registrar', async () => {
    const body = { kind: 'information-change', unitId: bench.unitId, studentNumbers: [wang.studentNumber] };
    expect((await declare(bench.director, body)).status).toBe(201);
    expect((await declare(bench.teacher, body)).status).toBe(403);
    expect((await declare(otherRegistrar, body)).status).toBe(403);
  });

  it('is read by the unit’s registry, director and the tenant admin, not by a class teacher of the unit', async () => {
    const batchId = await unitBatchOf([wang]);
    const statuses = await Promise.all([bench.registrar, bench.director, bench.admin, bench.teacher, otherRegistrar].map(async (p) => (await readBatch(p, batchId)).status));
    expect(statuses).toEqual([200, 200, 200, 403, 403]);
  });
});

describe('UNIT-BATCH-FILES: what a unit batch takes at presign', () => {
  it('refuses evidence of a student the batch does not cover (李雷, same class as 王芳)', async () => {
    const batchId = await unitBatchOf([wang, zhao]);
    const refused = await requestUpload(bench, bench.registrar, { purpose: 'change-evidence', classId: 'class-u1', folder: `${li.studentNumber}${li.name}`, fileName: '身份证.jpg', size: idCard.length, contentType: 'image/jpeg', batchId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '#/batchId', code: 'upload.unknown-batch' })]);
  });

  it('refuses evidence uploaded under a class of another unit', async () => {
    const batchId = await unitBatchOf([wang]);
    const refused = await requestUpload(bench, otherRegistrar, { purpose: 'change-evidence', classId: 'class-v1', folder: `${sun.studentNumber}${sun.name}`, fileName: '身份证.jpg', size: idCard.length, contentType: 'image/jpeg', batchId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '#/batchId', code: 'upload.unknown-batch' })]);
  });

  it('refuses its table uploaded for one class: the unit’s table is the unit’s', async () => {
    const batchId = await unitBatchOf([wang]);
    const refused = await requestUpload(bench, bench.registrar, { purpose: 'change-table', classId: 'class-u1', fileName: '信息修改统计表.xlsx', size: 1000, contentType: xlsx, batchId });
    expect(refused.status).toBe(422);
    expect(pointers(refused)).toEqual(['#/batchId']);
  });

  it('a form or list of a class cannot be uploaded for the unit alone', async () => {
    const refused = await requestUpload(bench, bench.registrar, { purpose: 'withdrawal-list', unitId: bench.unitId, fileName: '退学汇总名单.xlsx', size: 1000, contentType: xlsx });
    expect(refused.status).toBe(422);
    expect(pointers(refused)).toEqual(['#/unitId']);
  });

  it('a table uploaded for the unit is read by the unit’s registry and director, not by a class teacher of the unit', async () => {
    const batchId = await unitBatchOf([wang]);
    const granted = await requestUpload(bench, bench.director, { purpose: 'change-table', unitId: bench.unitId, fileName: '信息修改统计表.xlsx', size: 1000, contentType: xlsx, batchId });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const uploadId = granted.body.upload.uploadId as string;
    const statuses = await Promise.all([bench.registrar, bench.director, bench.admin, bench.teacher, otherRegistrar].map(async (p) => (await readUpload(bench, p, uploadId)).status));
    expect(statuses).toEqual([200, 200, 200, 403, 403]);
  });
});
