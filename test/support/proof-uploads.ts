/**
 * The proof school's uploads (test/support/proof-school.ts), through the whole path as a
 * browser and the platform take it: presigned by POST /uploads, the bytes POSTed to an
 * s3rver of this test file's own (the upload tests' bench, test/support/uploads.ts), its
 * ObjectCreated event delivered to the catalog's validator, and the result read back by
 * GET /uploads/{uploadId}. The validator stamps its result (the moment the file becomes
 * evidence) with the handlers' clock, so the process clock is moved to the day of the
 * upload while it runs, and given back after.
 */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { SUPERVISION_ITEMS, SUPERVISION_SHEET } from '../../domain/uploads/templates/index.js';
import { systemClock, useClockInThisProcess } from '../../functions/composition.js';
import { expectStatus, type Api } from './api.js';
import { postFile, type UploadBench } from './uploads.js';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ProofUpload {
  readonly purpose: 'graduation-photo' | 'supervision-sheet';
  readonly classId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly termId?: string;
}

/**
 * One file through the whole path on `day` (18:00 in Beijing, as the other submissions):
 * answers the validator's result as the uploader reads it.
 */
export async function uploadOn(bench: UploadBench, api: Api, day: string, tenantId: string, principal: Principal, request: ProofUpload, bytes: Uint8Array): Promise<{ verdict: string; [field: string]: unknown }> {
  useClockInThisProcess({ now: () => new Date(`${day}T10:00:00Z`) });
  try {
    const granted = await expectStatus(api('POST /tenants/{tenantId}/uploads', { pathParameters: { tenantId }, principal, body: { ...request, size: bytes.length } }), 201);
    expect(await postFile(granted.body.post, bytes, request.fileName, request.contentType)).toBeLessThan(300);
    const uploadId = granted.body.upload.uploadId as string;
    // s3rver may announce the object just after answering the POST: wait for the validator's result.
    for (let attempt = 0; attempt < 100; attempt++) {
      await bench.async.idle();
      const read = await expectStatus(api('GET /tenants/{tenantId}/uploads/{uploadId}', { pathParameters: { tenantId, uploadId }, principal }), 200);
      if (read.body.result !== undefined) {
        expect(read.body.result.validatedAt).toBe(`${day}T10:00:00.000Z`);
        return read.body.result;
      }
      await new Promise((wake) => setTimeout(wake, 20));
    }
    throw new Error(`${request.fileName}: no validation result`);
  } finally {
    useClockInThisProcess(systemClock);
  }
}

/** Every duty of the 督学统计表 marked done (已完成), in the template's column order. */
export const allDutiesDone = (): (string | null)[] => SUPERVISION_ITEMS.map(() => '已完成');

/**
 * A 督学统计表 workbook as a class teacher fills it in Excel: the template's header row,
 * then one row per student (学号, 姓名, the twenty duties; 备注 left empty).
 */
export async function supervisionSheet(rows: readonly (readonly (string | null)[])[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(SUPERVISION_SHEET.columns.map((c) => c.header));
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
