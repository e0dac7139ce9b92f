/**
 * A 5,000-row withdrawal summary list (学信网退学汇总名单) through the whole upload path on the
 * local runtime (`npm run bench`, or `npx tsx bench/upload-validation.ts [rounds]`): a class
 * of 5,000 students on DynamoDB Local, the list presigned, POSTed to s3rver, validated by the
 * validator its event invokes, every row matched against the roster. Timed twice: the whole
 * path (presign → POST → result readable), and the validator alone (`validateObject` on the
 * stored object, as a redelivered event with a newer sequencer would run it). A list with 50
 * bad rows is also timed: it adds the annotated copy, written to the reports bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { Principal } from '../domain/access.js';
import { WITHDRAWAL_LIST } from '../domain/uploads/templates/index.js';
import { configFromEnv, createDependencies } from '../functions/composition.js';
import { handler as roster } from '../functions/http/roster.js';
import { handler as uploads } from '../functions/http/uploads.js';
import { validateObject } from '../functions/uploads/validator.js';
import { startLocalBackend } from '../scripts/local/runtime.js';
import { invoke, uniqueTenant } from '../test/support/events.js';
import { postFile } from '../test/support/uploads.js';

const rounds = Number(process.argv[2] ?? 5);
const studentCount = 5_000;
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const students = Array.from({ length: studentCount }, (_, i) => ({ studentNumber: String(1711001200000 + i), name: `学生${i}` }));

async function list(badRows: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(WITHDRAWAL_LIST.columns.map((c) => c.header));
  const today = new Date().toISOString().slice(0, 10);
  // Every 100th row of the first `badRows × 100` carries another name than the roster's.
  students.forEach((s, i) => sheet.addRow([i + 1, s.studentNumber, i % 100 === 0 && i / 100 < badRows ? '别人' : s.name, '会计学', today, null]));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const dir = mkdtempSync(join(os.tmpdir(), 'xuewu-bench-uploads-'));
const backend = await startLocalBackend({ dataDir: dir, schedules: false });
try {
  const tenantId = uniqueTenant('bench-uploads');
  const admin: Principal = { userId: 'admin-1', tenantId, roles: ['tenant-admin'] };
  const teacher: Principal = { userId: 'teacher-1', tenantId, unitId: 'u1', roles: ['class-teacher'] };
  await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId: 'u1', name: '杭州学习中心', kind: 'learning-center' } });
  const created = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: admin, body: { classId: 'c1', unitId: 'u1', name: '2025级会计1班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: 'teacher-1', students: [] } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  for (let from = 0; from < studentCount; from += 1000) {
    const added = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId: 'c1' }, principal: admin, body: { students: students.slice(from, from + 1000) } });
    if (added.status >= 300) throw new Error(JSON.stringify(added.body));
  }
  const dependencies = createDependencies(configFromEnv());

  const rows: string[] = [];
  for (const [label, badRows] of [['5,000 rows, all good', 0], ['5,000 rows, 50 names wrong (annotated copy)', 50]] as const) {
    const bytes = await list(badRows);
    const whole: number[] = [];
    const alone: number[] = [];
    let verdict = '';
    for (let round = 0; round <= rounds; round++) {
      const started = performance.now();
      const granted = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/uploads', pathParameters: { tenantId }, principal: teacher, body: { classId: 'c1', purpose: 'withdrawal-list', fileName: '退学汇总名单.xlsx', size: bytes.length, contentType: xlsx } });
      await postFile(granted.body.post, bytes, '退学汇总名单.xlsx', xlsx);
      let read = { body: {} as { result?: { verdict: string; problemCount: number } } };
      while (read.body.result === undefined) {
        await backend.async.idle();
        read = await invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}', pathParameters: { tenantId, uploadId: granted.body.upload.uploadId }, principal: teacher });
        if (read.body.result === undefined) await new Promise((wake) => setTimeout(wake, 5));
      }
      const settled = performance.now() - started;
      verdict = `${read.body.result.verdict}, ${read.body.result.problemCount} problems`;
      const again = performance.now();
      await validateObject(dependencies, { key: granted.body.upload.key, sequencer: 'FFFFFFFFFFFFFFFF' });
      if (round > 0) {
        // round 0 warms the JIT, the SDK's connections and DynamoDB Local
        whole.push(settled);
        alone.push(performance.now() - again);
      }
    }
    rows.push(`| ${label} | ${(bytes.length / 1024).toFixed(0)} KiB | ${verdict} | ${median(whole).toFixed(0)} | ${median(alone).toFixed(0)} |`);
  }
  console.log(`### A 5,000-row withdrawal list through the upload path (local runtime; median of ${rounds}; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log('');
  console.log('| list | size | result | presign → POST → result, ms | validator alone, ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
}
