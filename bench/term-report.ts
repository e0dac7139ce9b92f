/**
 * Term-end report benchmark: the figures and the workbook for 1,000 classes (~70,000
 * findings of the seeded term of bench/compliance-data.ts), in-process.
 *
 * The parent evaluates the term once and writes the report's input (findings and names)
 * to a temporary file, as the report function would read it from the findings store. Each
 * measurement then runs in a fresh Node process of its own, so its memory high-water mark
 * is its own: load the input, compute the figures, write the workbook to a sink that only
 * counts bytes. Two writers side by side: ours (exceljs's streaming WorkbookWriter), and
 * exceljs's plain `Workbook` with `xlsx.writeBuffer()`, what one would otherwise reach for.
 * Memory: peak RSS (the OS's high-water mark, `resourceUsage().maxRSS`) and peak heapUsed
 * sampled every 10 ms. Target: the workbook in under 10 s within 512 MB.
 *
 *   npx tsx bench/term-report.ts            # 1,000 classes, 3 runs (the plain writer once: ~3 GB, minutes)
 *   npx tsx bench/term-report.ts 200 5      # 200 classes, 5 runs
 *   BENCH_BUFFER_RUNS=3 npx tsx bench/term-report.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { evaluate } from '../domain/compliance/index.js';
import { computeTermReportFigures, jsonTwinText, toJsonTwin, type TermReportFigures, type TermReportInput } from '../domain/reports/index.js';
import { findingColumns, missColumns, summaryColumns, supervisionSheetColumns } from '../functions/reports/term-report-columns.js';
import type { Column } from '../functions/reports/sheet-table.js';
import { summaryRows, writeTermReportWorkbook } from '../functions/reports/term-report-workbook.js';
import { generate, median, TERM } from './compliance-data.js';

const CLASSES_PER_UNIT = 50;

function reportInput(classCount: number): TermReportInput {
  const data = generate(classCount, 20250901);
  const ev = evaluate(data);
  const classes = data.roster.classes;
  const unitOf = (i: number) => `U${String(Math.floor(i / CLASSES_PER_UNIT)).padStart(3, '0')}`;
  const staff = new Map<string, string>();
  classes.forEach((c, i) => {
    for (const id of [c.classTeacherId, c.counselorId, c.registrarId]) if (id && !staff.has(id)) staff.set(id, unitOf(i));
  });
  return {
    tenant: { id: 'bench', name: '基准机构' },
    scope: { kind: 'tenant' },
    term: { ...TERM, name: '2025年秋季学期' },
    asOf: ev.asOf,
    ruleSetVersion: ev.ruleSetVersion,
    findings: ev.findings,
    units: [...new Set(classes.map((_, i) => unitOf(i)))].map((id) => ({ id, name: `学习中心 ${id}` })),
    classes: classes.map((c, i) => ({
      id: c.id,
      name: `班级 ${c.id}`,
      unitId: unitOf(i),
      ...(c.classTeacherId ? { classTeacherId: c.classTeacherId } : {}),
      ...(c.counselorId ? { counselorId: c.counselorId } : {}),
      ...(c.registrarId ? { registrarId: c.registrarId } : {}),
    })),
    staff: [...staff].map(([id, unitId]) => ({ id, name: `教师 ${id}`, unitId })),
    students: classes.flatMap((c) => c.studentIds.map((id) => ({ id, classId: c.id }))),
  };
}

/** Counts what it is given and keeps nothing, as an upload stream to S3 would hand it on. */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

/** The same sheets and cells through exceljs's plain Workbook: everything held, then one buffer. */
async function writeBuffered(f: TermReportFigures): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const sheet = <Row>(name: string, columns: readonly Column<Row>[], rows: Iterable<Row>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    ws.addRow(columns.map((c) => c.header.zh));
    for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  };
  sheet('汇总', summaryColumns('zh'), summaryRows(f));
  sheet('全部结果', findingColumns('zh'), f.findings);
  sheet('未达标', missColumns('zh'), f.misses);
  for (const fam of f.families) sheet(fam.family, findingColumns('zh'), fam.findings);
  sheet('督学统计表完整性', supervisionSheetColumns('zh'), f.supervisionSheets);
  const buffer = await wb.xlsx.writeBuffer();
  return buffer.byteLength;
}

type Mode = 'streaming' | 'buffer' | 'twin' | 'twin-text';

/** One measurement, in this (child) process: prints a JSON line. */
async function child(inputFile: string, mode: Mode): Promise<void> {
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as TermReportInput;
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
  const t0 = performance.now();
  const figures = computeTermReportFigures(input);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes: number;
  if (mode === 'twin') {
    bytes = Buffer.byteLength(JSON.stringify(toJsonTwin(figures)));
  } else if (mode === 'twin-text') {
    bytes = 0;
    for (const piece of jsonTwinText(figures)) bytes += Buffer.byteLength(piece);
  } else if (mode === 'streaming') {
    const sink = new CountingSink();
    await writeTermReportWorkbook(figures, { language: 'zh' }, sink);
    bytes = sink.bytes;
  } else {
    bytes = await writeBuffered(figures);
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const load = os.loadavg()[0] ?? 0;
  console.log(JSON.stringify({ findings: input.findings.length, figuresMs: t1 - t0, ms: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, bytes, baseRss, maxRss, peakHeap, load }));
}

interface Sample {
  findings: number;
  figuresMs: number;
  ms: number;
  cpuMs: number;
  bytes: number;
  baseRss: number;
  maxRss: number;
  peakHeap: number;
  load: number;
}

const LABELS: Record<Mode, string> = {
  streaming: 'workbook: exceljs stream.xlsx.WorkbookWriter (ours)',
  buffer: 'workbook: exceljs Workbook + xlsx.writeBuffer()',
  twin: 'JSON twin: JSON.stringify(toJsonTwin(figures)), one string',
  'twin-text': 'JSON twin: jsonTwinText(figures), a finding at a time',
};

async function parent(classCount: number, runs: number, bufferRuns: number): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'xuewu-term-report-'));
  try {
    const inputFile = join(dir, 'input.json');
    writeFileSync(inputFile, JSON.stringify(reportInput(classCount)));
    const samples: Record<Mode, Sample[]> = { streaming: [], twin: [], 'twin-text': [], buffer: [] };
    for (let i = 0; i < runs; i += 1) {
      for (const mode of ['streaming', 'twin', 'twin-text', 'buffer'] as const) {
        if (mode === 'buffer' && i >= bufferRuns) continue;
        const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--child', inputFile, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
        samples[mode].push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Sample);
        process.stderr.write(`run ${i + 1} ${mode}: ${out.trim()}\n`);
      }
    }
    const mb = (b: number) => (b / 1_048_576).toFixed(0);
    const med = (xs: Sample[], pick: (s: Sample) => number) => median(xs.map(pick));
    const all = Object.values(samples).flat();
    console.log(`Term-end report, ${classCount.toLocaleString('en-US')} classes, ${all[0]?.findings.toLocaleString('en-US')} findings; medians, each run in a fresh process`);
    console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}; 1-minute load average during the runs ${Math.min(...all.map((s) => s.load)).toFixed(1)}–${Math.max(...all.map((s) => s.load)).toFixed(1)}\n`);
    console.log(`Figures (computeTermReportFigures): ${med(all, (x) => x.figuresMs).toFixed(0)} ms\n`);
    console.log('| what | runs | wall ms | CPU ms (all threads) | output | RSS after loading input | peak RSS | peak heapUsed | < 10 s, < 512 MB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const mode of ['streaming', 'buffer', 'twin', 'twin-text'] as const) {
      const xs = samples[mode];
      if (xs.length === 0) continue;
      const ms = med(xs, (x) => x.ms);
      const rss = med(xs, (x) => x.maxRss);
      console.log(`| ${LABELS[mode]} | ${xs.length} | ${ms.toFixed(0)} | ${med(xs, (x) => x.cpuMs).toFixed(0)} | ${mb(med(xs, (x) => x.bytes))} MB | ${mb(med(xs, (x) => x.baseRss))} MB | ${mb(rss)} MB | ${mb(med(xs, (x) => x.peakHeap))} MB | ${ms < 10_000 && rss < 512 * 1_048_576 ? 'ok' : 'no'} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1] ?? '', (args[2] ?? 'streaming') as Mode);
else await parent(Number(args[0]) || 1000, Number(args[1]) || 3, Number(process.env['BENCH_BUFFER_RUNS'] ?? 1));
