/**
 * Spreadsheet reading for upload validation (issue #12): our reader with the template
 * checks (information-change table: 8 columns, text in shared strings, no roster look-ups)
 * on 10k, 100k and 300k-row workbooks, beside exceljs's streaming reader (reading only:
 * rows and cells counted, no checks) and SheetJS (`XLSX.readFile`, dense), in the same run.
 * Then zip bombs: ~1 GiB of sheet XML in ~1 MB, declared honestly, and declared as 2 KB.
 *
 * Each measurement runs in a fresh node process of its own (the child is bundled first
 * with esbuild, so no TypeScript loader sits in its memory): wall time of the read alone,
 * and peak RSS (`resourceUsage().maxRSS`, the process's high-water mark, start-up included).
 * Targets: ≥ 100k rows/s and ≤ 120 MB at 300k rows; ≥ 2.5× exceljs (3× the aim); a bomb
 * refused in < 1 s within 64 MB.
 *
 *   npx tsx bench/xlsx-reader.ts            # 10k, 100k, 300k rows, 3 runs each
 *   npx tsx bench/xlsx-reader.ts 10000 1    # one size, one run
 *   BENCH_XLSX_SHEETJS=0 …                  # leave SheetJS out (it needs ~1 GB at 300k)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { INFORMATION_CHANGE } from '../domain/uploads/templates/index.js';
import { honestEntry, repeatedEntry, writeZip } from '../test/unit/uploads/zip-writer.js';
import { workbookParts } from '../test/unit/uploads/workbook-builder.js';

const sizes = process.argv[2] ? [Number(process.argv[2])] : [10_000, 100_000, 300_000];
const runs = Number(process.argv[3] ?? 3);
const withSheetJs = process.env['BENCH_XLSX_SHEETJS'] !== '0';
const dir = join(os.tmpdir(), 'xuewu-bench-xlsx');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), '{"type":"module"}');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平'];
const ITEMS = [
  ['民族', '汉族', '回族'],
  ['性别', '男', '女'],
  ['入学文化程度', '高中', '中专'],
];

/** A valid information-change table of `rows` rows, written with shared strings as Excel does. */
async function workbookOf(rows: number): Promise<string> {
  const path = join(dir, `information-change-${rows}.xlsx`);
  if (existsSync(path)) return path;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(INFORMATION_CHANGE.columns.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    const item = ITEMS[i % ITEMS.length] as string[];
    const name = `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 15]}${GIVEN[Math.floor(i / 150) % 15]}`;
    sheet
      .addRow(['在籍生', String(1711001200000 + i), `51161${String(1202500000000 + i)}`, name, item[0], item[1], item[2], '录入错误'])
      .commit();
  }
  sheet.commit();
  await book.commit();
  return path;
}

function bombOf(declaredHonestly: boolean): string {
  const path = join(dir, `bomb-${declaredHonestly ? 'honest' : 'lying'}.xlsx`);
  if (existsSync(path)) return path;
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c></row>${' '.repeat(15 * 1024)}`;
  const head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const sheet = repeatedEntry('xl/worksheets/sheet1.xml', head, row.repeat(64), 1024, '</sheetData></worksheet>', declaredHonestly ? undefined : 2_000);
  writeFileSync(path, writeZip(workbookParts([{ name: 'S', rows: [] }]).map((e) => (e.name === sheet.name ? sheet : e))));
  return path;
}
void honestEntry;

// The child is bundled into a folder of this run's own: the workbooks are shared between
// checkouts, the code under test is not.
const childDir = mkdtempSync(join(dir, 'child-'));
writeFileSync(join(childDir, 'package.json'), '{"type":"module"}');
const child = join(childDir, 'xlsx-reader-child.js');
await build({
  entryPoints: [join(import.meta.dirname, 'xlsx-reader-child.ts')],
  outdir: childDir,
  outExtension: { '.js': '.js' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  logLevel: 'error',
});

interface Measure {
  ms: number;
  cpuMs: number;
  rows: number;
  peakRssMb: number;
  refused?: string | null;
}
const measure = (mode: string, file: string, flags: string[] = []): Measure =>
  JSON.parse(execFileSync(process.execPath, [...flags, child, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop() as string);
/** A smaller young generation: V8's default (16 MB semi-spaces) is most of the peak's slack. */
const SMALL_YOUNG = ['--max-semi-space-size=2'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

console.log('## Spreadsheet reader (.xlsx): rows/s and peak RSS, median of ' + runs);
console.log('');
console.log('Each cell: rows per second of wall time / per second of CPU time (the fairer figure on a');
console.log('loaded machine), peak RSS, wall seconds. "ours ÷ exceljs" compares wall time, then CPU time.');
console.log('');
console.log('| rows | file | ours (read + checks) | ours, --max-semi-space-size=2 | our reader alone | exceljs streaming (read only) | SheetJS | ours ÷ exceljs (wall / CPU) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const tokenizers: string[] = [];
for (const rows of sizes) {
  const file = await workbookOf(rows);
  const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
  const results: Record<string, Measure[]> = { ours: [], oursSmallYoung: [], read: [], exceljs: [], sheetjs: [], tokenizeOurs: [], saxes: [], htmlparser2: [] };
  for (let r = 0; r < runs; r++) {
    results['ours']?.push(measure('ours', file));
    results['oursSmallYoung']?.push(measure('ours', file, SMALL_YOUNG));
    results['read']?.push(measure('read', file));
    results['exceljs']?.push(measure('exceljs', file));
    results['tokenizeOurs']?.push(measure('tokenize-ours', file));
    results['saxes']?.push(measure('tokenize-saxes', file));
    results['htmlparser2']?.push(measure('tokenize-htmlparser2', file));
    if (withSheetJs && r === 0) results['sheetjs']?.push(measure('sheetjs', file));
  }
  const cell = (ms: Measure[]) => {
    if (ms.length === 0) return 'not run';
    const t = median(ms.map((m) => m.ms));
    const c = median(ms.map((m) => m.cpuMs));
    return `${fmt((rows / t) * 1000)} / ${fmt((rows / c) * 1000)} rows/s, ${fmt(median(ms.map((m) => m.peakRssMb)))} MB (${(t / 1000).toFixed(2)} s)`;
  };
  const speed = (ms: Measure[]) => rows / median(ms.map((m) => m.cpuMs));
  const wallSpeed = (ms: Measure[]) => rows / median(ms.map((m) => m.ms));
  const ours = results['ours'] as Measure[];
  if (ours.some((m) => m.rows !== rows + 1)) throw new Error(`ours read ${ours[0]?.rows} rows of ${rows + 1}`);
  tokenizers.push(`| ${fmt(rows)} | ${cell(results['tokenizeOurs'] as Measure[])} | ${cell(results['saxes'] as Measure[])} | ${cell(results['htmlparser2'] as Measure[])} |`);
  console.log(`| ${fmt(rows)} | ${mb} MB | ${cell(ours)} | ${cell(results['oursSmallYoung'] as Measure[])} | ${cell(results['read'] as Measure[])} | ${cell(results['exceljs'] as Measure[])} | ${cell(results['sheetjs'] as Measure[])} | ${(wallSpeed(ours) / wallSpeed(results['exceljs'] as Measure[])).toFixed(2)}× / ${(speed(ours) / speed(results['exceljs'] as Measure[])).toFixed(2)}× |`);
}
console.log('');
console.log('The tokenizers alone, in the same runs: unzip + tokenize the shared strings and the sheet (the npm');
console.log('ones on the text decoded from UTF-8, ours on the bytes), counting start tags (rows per second as above):');
console.log('');
console.log('| rows | ours (`xml-bytes.ts`) | saxes 6 | htmlparser2 12 `Tokenizer` (xmlMode) |');
console.log('| --- | --- | --- | --- |');
for (const line of tokenizers) console.log(line);
console.log('');
console.log('| zip bomb (~1 GiB of sheet XML), --max-semi-space-size=2 | file | refused as | wall time | peak RSS |');
console.log('| --- | --- | --- | --- | --- |');
for (const honest of [true, false]) {
  const file = bombOf(honest);
  const m = measure('bomb', file, SMALL_YOUNG);
  console.log(`| declared ${honest ? 'honestly' : 'as 2 KB (lying)'} | ${(statSync(file).size / 1024 / 1024).toFixed(2)} MB | ${m.refused} | ${m.ms.toFixed(0)} ms (CPU ${m.cpuMs.toFixed(0)} ms) | ${fmt(m.peakRssMb)} MB |`);
}
rmSync(childDir, { recursive: true, force: true });
