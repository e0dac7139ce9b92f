/**
 * Bundle size and cold module-load time of every HTTP function, beside a reference bundle
 * of the bare DynamoDB clients, bundled the same way in the same run. Target: each
 * function loads within 1.3× the reference.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { asyncFunctions, httpFunctions } from '../functions/catalog.js';
import { lambdaEsbuildOptions } from '../infra/bundling.js';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'bench', '.out');
const runs = Number(process.env['BENCH_RUNS'] ?? 10);
const target = 1.3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Milliseconds to import the bundle in a fresh Node process (module load and top-level code). */
function loadTime(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { PATH: process.env['PATH'], TABLE_NAME: 'bench', AWS_REGION: 'ap-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return Number(output.toString());
}

export async function benchFunctionBundles(): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const entries: [string, string][] = [
    ['reference (bare DynamoDB clients)', join(root, 'bench', 'reference-entry.ts')],
    ...Object.entries(httpFunctions).map(([name, spec]): [string, string] => [name, join(root, spec.entry)]),
    // The upload validator runs on every file that lands: its cold load beside the HTTP functions' (issue #12).
    ['uploadValidator (storage trigger)', join(root, asyncFunctions.uploadValidator.entry)],
  ];
  const bundles = await Promise.all(
    entries.map(async ([name, entry]) => {
      const outfile = join(outDir, `${name.split(' ')[0]}.mjs`);
      await build({ ...lambdaEsbuildOptions, entryPoints: [entry], outfile, logLevel: 'error' });
      return { name, outfile, bytes: statSync(outfile).size, samples: [] as number[] };
    }),
  );
  // Interleave the runs so that machine noise hits every bundle alike.
  for (let run = 0; run < runs; run++) for (const bundle of bundles) bundle.samples.push(loadTime(bundle.outfile));

  const reference = median(bundles[0]!.samples);
  const rows = bundles.map((bundle) => {
    const ms = median(bundle.samples);
    const ratio = ms / reference;
    const verdict = bundle === bundles[0] ? '' : ratio <= target ? 'ok' : `over ${target}×`;
    return `| ${bundle.name} | ${(bundle.bytes / 1024).toFixed(0)} KiB | ${ms.toFixed(1)} ms | ${ratio.toFixed(2)}× | ${verdict} |`;
  });
  return [
    `Function bundles: cold module load in a fresh Node ${process.version} process, median of ${runs}`,
    '',
    '| bundle | minified size | load time | vs reference | target ≤ 1.3× |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
