/** `npm run bench`: every benchmark of the project, each printing a markdown table. */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { benchFunctionBundles } from './function-bundles.js';
import { benchHttpLoad } from './http-load.js';

console.log(await benchFunctionBundles());
console.log('');
console.log(await benchHttpLoad());

const compliance = join(import.meta.dirname, 'compliance.ts');
if (existsSync(compliance)) {
  console.log('');
  execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', compliance], { stdio: 'inherit' });
}

console.log('');
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'term-report.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'rule-inputs.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'images.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'upload-validation.ts')], { stdio: 'inherit' });

// The whole term-end run on DynamoDB Local (10 and 100 classes; BENCH_RUN_CLASSES, BENCH_RUN_RECORDS, BENCH_RUN_REPEATS).
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'term-end-run.ts')], { stdio: 'inherit' });

console.log('');
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'xlsx-reader.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'academics.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'transcripts.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'annotated-copy.ts')], { stdio: 'inherit' });
