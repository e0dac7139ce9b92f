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

export interface ProofFile {
  readonly principal: Principal;
  readonly request: ProofUpload;
  readonly bytes: Uint8Array;
}

type Result = { verdict: string; [field: string]: unknown };

/**
 * Files sent on `day` (18:00 in Beijing, as the other submissions), each through the whole
 * path, side by side: answers each validator's result as its uploader reads it, in order.
 */
export async function uploadAllOn(bench: UploadBench, api: Api, day: string, tenantId: string, files: readonly ProofFile[]): Promise<Result[]> {
  useClockInThisProcess({ now: () => new Date(`${day}T10:00:00Z`) });
  try {
    return await Promise.all(files.map((file) => uploadOne(bench, api, tenantId, file, `${day}T10:00:00.000Z`)));
  } finally {
    useClockInThisProcess(systemClock);
  }
}

async function uploadOne(bench: UploadBench, api: Api, tenantId: string, { principal, request, bytes }: ProofFile, validatedAt: string): Promise<Result> {
  const granted = await expectStatus(api('POST /tenants/{tenantId}/uploads', { pathParameters: { tenantId }, principal, body: { ...request, size: bytes.length } }), 201);
  expect(await postFile(granted.body.post, bytes, request.fileName, request.contentType)).toBeLessThan(300);
  const uploadId = granted.body.upload.uploadId as string;
  // s3rver may announce the object just after answering the POST: wait for the validator's result.
  for (let attempt = 0; attempt < 100; attempt++) {
    await bench.async.idle();
    const read = await expectStatus(api('GET /tenants/{tenantId}/uploads/{uploadId}', { pathParameters: { tenantId, uploadId }, principal }), 200);
    if (read.body.result !== undefined) {
      expect(read.body.result.validatedAt).toBe(validatedAt);
      return read.body.result;
    }
    await new Promise((wake) => setTimeout(wake, 20));
  }
  throw new Error(`${request.fileName}: no validation result`);
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
