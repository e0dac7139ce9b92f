/**
 * The annotated copy is streamed into the function's temporary folder and stored from the
 * file (functions/uploads/checks/sheet-check.ts), never held whole in memory. Through the
 * whole path (s3rver, DynamoDB Local): the copy read back through the download route has
 * exactly the bad cells highlighted and commented, and the temporary folder is left empty.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inLanguage } from '../../../domain/bilingual.js';
import { WITHDRAWAL_LIST } from '../../../domain/uploads/templates/index.js';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { invoke } from '../../support/events.js';
import { startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';
import { readAnnotatedCopy } from '../../support/annotated-workbooks.js';

let bench: UploadBench;
let scratch: string;
const savedTmp = process.env['TMPDIR'];
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-annotated' });
  // A temporary folder of this test's own (os.tmpdir() reads TMPDIR at each call): what the copy leaves there is seen.
  scratch = mkdtempSync(join(tmpdir(), 'xuewu-annotated-tmp-'));
  process.env['TMPDIR'] = scratch;
});
afterAll(async () => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
  await bench.stop();
});

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


describe('UPLOAD-ANNOTATED-COPY-STREAMED: the copy is written through a temporary file and stored whole', () => {
  it('a 1,501-row withdrawal list with 1,500 unknown students and one name mismatch: every bad cell marked, nothing else, nothing left in the temporary folder', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Row 2: 刘洋's number with the name 刘羊 (C2 STUDENT-NAME-MISMATCH). Rows 3–1,502: the numbers 1711001300000 …
    // 1711001301499, ascending after 1711001201115, none a student of the class (B STUDENT-UNKNOWN each: 1,500).
    const rows: unknown[][] = [[1, '1711001201115', '刘羊', null, today, null], ...Array.from({ length: 1500 }, (_, i) => [i + 2, String(1711001300000 + i), '某某', null, today, null])];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(WITHDRAWAL_LIST.columns.map((c) => c.header));
    for (const r of rows) sheet.addRow(r);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', contentType: xlsx }, bytes);
    // A list sent alone (no batch) is not bound to a batch's 1,000 students: 1 + 1,500 = 1,501 problems, all of cells.
    expect(read.body.result).toMatchObject({ verdict: 'rejected', problemCount: 1501, listedProblemCount: 1000, listingStoppedBy: 'count' });

    const link = await invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}/download', pathParameters: { tenantId: bench.tenantId, uploadId: read.body.uploadId }, principal: bench.teacher, query: { copy: 'annotated' } });
    expect(link.status).toBe(200);
    const copy = readAnnotatedCopy(new Uint8Array(await (await fetch(link.body.url)).arrayBuffer()));
    const expected = ['C2', ...Array.from({ length: 1500 }, (_, i) => `B${i + 3}`)].sort();
    expect(copy.highlighted.sort()).toEqual(expected);
    expect([...copy.comments.keys()].sort()).toEqual(expected);
    expect(copy.rows).toBe(1502); // the header and the 1,501 rows, values copied
    // The comments carry both languages of the problem listed for the cell.
    const first = read.body.result.problems.find((p: { column?: string; row?: number }) => p.column === 'C' && p.row === 2);
    expect(copy.comments.get('C2')).toContain(inLanguage(first.message, true));
    expect(copy.comments.get('C2')).toContain(inLanguage(first.message, false));

    expect(readdirSync(scratch)).toEqual([]);
  });
});
