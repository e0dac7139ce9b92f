/**
 * The annotated copy's memory (`npx tsx bench/annotated-copy.ts [rows]`, part of `npm run
 * bench`): a withdrawal list of `rows` rows (100,000 unless told) whose every other name is
 * wrong, checked against a roster of its students, so the checks keep 50,000 problems — the
 * annotation bound (domain/uploads/problem-log.ts) — for the copy. Each measurement runs in
 * a process of its own (peak RSS is the process's), reading the workbook by ranged reads of
 * a file as the validator reads S3:
 *
 * - `checks`: the checks alone (the first pass), for the baseline;
 * - `to-file`: the checks, then the copy streamed into a file (what the validator does now);
 * - `in-memory`: the checks, then the copy gathered in memory (what it did before).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { startSheetChecks, type RosterStudent } from '../domain/uploads/sheet-checks.js';
import { WITHDRAWAL_LIST } from '../domain/uploads/templates/index.js';
import { writeAnnotatedCopy } from '../functions/uploads/annotated-copy.js';
import { readXlsx } from '../functions/uploads/xlsx/index.js';
import { fileSource } from './file-source.js';

const today = new Date().toISOString().slice(0, 10);
const numberOf = (i: number) => String(1711001000000 + i);

async function child(mode: string, file: string, rows: number, out: string): Promise<void> {
  const students: RosterStudent[] = Array.from({ length: rows }, (_, i) => ({ studentNumber: numberOf(i), name: `学生${i}`, classId: 'c1' }));
  const byNumber = new Map(students.map((s) => [s.studentNumber, s]));
  const started = performance.now();
  const checker = startSheetChecks(WITHDRAWAL_LIST, { today, roster: { byStudentNumber: (n) => byNumber.get(n), byRegistrationNumber: () => undefined } });
  const read = await readXlsx(fileSource(file), (row) => checker.row(row), { firstSheetOnly: true });
  if (!read.ok) throw new Error(read.problem.rule);
  const result = checker.finish();
  let copyBytes = 0;
  if (mode === 'to-file') {
    const output = createWriteStream(out);
    const closed = new Promise<void>((resolve, reject) => output.on('close', () => resolve()).on('error', reject));
    await writeAnnotatedCopy(fileSource(file), result.annotations, output, { firstSheetOnly: true });
    if (!output.writableEnded) output.end();
    await closed;
    copyBytes = statSync(out).size;
  } else if (mode === 'in-memory') {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    await writeAnnotatedCopy(fileSource(file), result.annotations, sink, { firstSheetOnly: true });
    copyBytes = Buffer.concat(chunks).length;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ mode, problems: result.problemCount, kept: result.annotations.length, ms, peakMiB: process.resourceUsage().maxRSS / 1024, copyBytes }));
}

async function parent(rows: number): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'xuewu-bench-annotated-'));
  try {
    const file = join(dir, 'list.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(WITHDRAWAL_LIST.columns.map((c) => c.header)).commit();
    // Every other row names the student wrongly: rows / 2 STUDENT-NAME-MISMATCH problems.
    for (let i = 0; i < rows; i++) sheet.addRow([i + 1, numberOf(i), i % 2 === 0 ? '别人' : `学生${i}`, '会计学', today, null]).commit();
    sheet.commit();
    await book.commit();
    const size = statSync(file).size;
    const lines: string[] = [];
    for (const mode of ['checks', 'to-file', 'in-memory']) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', '--max-semi-space-size=2', import.meta.filename, 'child', mode, file, String(rows), join(dir, `${mode}.xlsx`)], { encoding: 'utf8' });
      const m = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { mode: string; problems: number; kept: number; ms: number; peakMiB: number; copyBytes: number };
      lines.push(`| ${m.mode} | ${m.problems.toLocaleString('en')} / ${m.kept.toLocaleString('en')} | ${(m.ms / 1000).toFixed(1)} s | ${m.peakMiB.toFixed(0)} MiB | ${m.copyBytes ? `${(m.copyBytes / 1024 / 1024).toFixed(1)} MiB` : '—'} |`);
    }
    console.log(`### The annotated copy of a ${rows.toLocaleString('en')}-row list (${(size / 1024 / 1024).toFixed(1)} MiB; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'})`);
    console.log('');
    console.log('| mode | problems found / kept for the copy | time | peak RSS | copy |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const line of lines) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [first, mode, file, rows, out] = process.argv.slice(2);
if (first === 'child') await child(mode!, file!, Number(rows), out!);
else await parent(Number(first ?? 100_000));
