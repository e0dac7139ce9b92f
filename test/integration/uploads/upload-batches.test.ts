/**
 * Batches (学信网退学, seed 003 三): declared first, files in any order, the cross-check run
 * once the last declared file is validated and again on every later validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { invoke } from '../../support/events.js';
import ExcelJS from 'exceljs';
import { WITHDRAWAL_LIST } from '../../../domain/uploads/templates/index.js';
import { jpeg } from '../../support/image-corpus.js';
import { postFile, requestUpload, settled, startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';

let bench: UploadBench;
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-batches' });
});
afterAll(async () => bench.stop());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A scanned form (a real JPEG, 600 × 800), and the list with its rows: 刘洋 and 王芳, ascending, applied today.
const form = jpeg({ width: 600, height: 800 });
async function withdrawalList(rows: [string, string][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(WITHDRAWAL_LIST.columns.map((c) => c.header));
  rows.forEach(([number, name], i) => sheet.addRow([i + 1, number, name, null, new Date().toISOString().slice(0, 10)]));
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const readBatch = async (batchId: string) => (await invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/upload-batches/{batchId}', pathParameters: { tenantId: bench.tenantId, batchId }, principal: bench.teacher })).body;

describe('a withdrawal batch whose files arrive in reverse order', () => {
  let batchId = '';
  it('is declared with the students its list covers, awaiting the list and one form each', async () => {
    const declared = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { kind: 'withdrawal', classId: bench.classId, studentNumbers: ['1711001201115', '1711001201116'] } });
    expect(declared.status).toBe(201);
    batchId = declared.body.batchId;
    expect(declared.body.awaiting).toEqual(['withdrawal-list', 'withdrawal-form:1711001201115', 'withdrawal-form:1711001201116']);
  });

  it('is not cross-checked while a declared file is awaited', async () => {
    // Declared: the list, then 刘洋's form, then 王芳's. They arrive the other way round.
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201116王芳.jpg', contentType: 'image/jpeg', batchId }, form);
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201115刘洋.jpg', contentType: 'image/jpeg', batchId }, form);
    const batch = await readBatch(batchId);
    expect(batch.crossCheck).toBeUndefined();
    expect(batch.awaiting).toEqual(['withdrawal-list']);
  });

  it('is cross-checked when its last file, the list, is validated: every row has its form, every form its row', async () => {
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx, batchId }, await withdrawalList([['1711001201115', '刘洋'], ['1711001201116', '王芳']]));
    const batch = await readBatch(batchId);
    expect(batch.awaiting).toEqual([]);
    expect(batch.crossCheck).toMatchObject({ status: 'matched', listRejected: false, rowsWithoutFile: [], filesWithoutRow: [], rejectedFiles: [] });
  });

  it('is checked again when a file arrives later: a form of a student the list does not cover', async () => {
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201117李雷.jpg', contentType: 'image/jpeg', batchId }, form);
    expect((await readBatch(batchId)).crossCheck).toMatchObject({ status: 'mismatched', filesWithoutRow: ['1711001201117'], rejectedFiles: [] });
  });

  it('and again when a form is sent anew and refused: the row’s latest form counts', async () => {
    // Declared 50 bytes, 900 sent: the validator refuses it (FILE-SIZE-CHANGED).
    const granted = await requestUpload(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201115刘洋.jpg', size: 50, contentType: 'image/jpeg', batchId });
    expect(await postFile(granted.body.post, new Uint8Array(900), '1711001201115刘洋.jpg', 'image/jpeg')).toBeLessThan(300);
    expect((await settled(bench, bench.teacher, granted.body.upload.uploadId)).body.result.verdict).toBe('rejected');
    expect((await readBatch(batchId)).crossCheck).toMatchObject({ status: 'mismatched', filesWithoutRow: ['1711001201117'], rejectedFiles: ['1711001201115'] });
  });
});

describe('the cross-check reads the list’s own rows, not the students declared', () => {
  it('a list that leaves out a declared student who sent a form: that form has no row', async () => {
    const declared = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { kind: 'withdrawal', classId: bench.classId, studentNumbers: ['1711001201115', '1711001201116'] } });
    const batchId = declared.body.batchId as string;
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201115刘洋.jpg', contentType: 'image/jpeg', batchId }, form);
    await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201116王芳.jpg', contentType: 'image/jpeg', batchId }, form);
    // Declared 刘洋 and 王芳; the list itself has 刘洋's row only.
    const list = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx, batchId }, await withdrawalList([['1711001201115', '刘洋']]));
    expect(list.body.result).toMatchObject({ verdict: 'accepted', listedStudents: ['1711001201115'] });
    expect((await readBatch(batchId)).crossCheck).toMatchObject({ status: 'mismatched', listRejected: false, rowsWithoutFile: [], filesWithoutRow: ['1711001201116'], rejectedFiles: [] });
  });
});

describe('declaring a batch', () => {
  it('refuses a student of another class, naming the row', async () => {
    const refused = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { kind: 'withdrawal', classId: bench.classId, studentNumbers: ['1711001201115', '1711001209999'] } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/studentNumbers/1']);
  });
  it('refuses a file of another kind of batch', async () => {
    const declared = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/upload-batches', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { kind: 'withdrawal', classId: bench.classId, studentNumbers: ['1711001201115'] } });
    const refused = await requestUpload(bench, bench.teacher, { purpose: 'graduation-photo', fileName: '1711001201115刘洋.jpg', size: 10, contentType: 'image/jpeg', batchId: declared.body.batchId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/purpose']);
  });
});
