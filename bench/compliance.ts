/**
 * Compliance engine benchmark: one term (2025A, 20 weeks) for N classes of 40
 * students, ~1,000 records per class, generated deterministically (mulberry32).
 * Measures `evaluate` in-process on one thread, median of several runs, and
 * prints a markdown table.
 *
 *   npx tsx bench/compliance.ts
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx bench/compliance.ts   # for the 3M row
 *   npx tsx bench/compliance.ts 100 1000        # only these class counts
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { evaluate } from '../domain/compliance/index.js';
import { generate, median, RECORDS_PER_CLASS, STUDENTS_PER_CLASS } from './compliance-data.js';

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const classCounts = sizes.length ? sizes : [100, 1000, 3000];
const rows: string[] = [];
for (const classCount of classCounts) {
  const input = generate(classCount, 20250901);
  const runs = classCount >= 3000 ? 3 : 5;
  evaluate(input); // warm-up: JIT and inline caches
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const ev = evaluate(input);
    times.push(performance.now() - t0);
    findings = ev.findings.length;
  }
  const ms = median(times);
  rows.push(
    `| ${input.records.length.toLocaleString('en-US')} | ${classCount.toLocaleString('en-US')} | ${findings.toLocaleString('en-US')} | ${ms.toFixed(0)} | ${((ms / input.records.length) * 100_000).toFixed(1)} |`,
  );
  process.stderr.write(`done ${classCount} classes (${runs} runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)\n`);
}

console.log(`Compliance evaluation, one term, ${STUDENTS_PER_CLASS} students and ~${RECORDS_PER_CLASS} records per class`);
console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} (single thread used)\n`);
console.log('| records | classes | findings | median ms | ms per 100k records |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
