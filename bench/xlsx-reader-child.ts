/**
 * One measurement of bench/xlsx-reader.ts, run in a process of its own (bundled by the
 * parent, run with plain node) so its peak RSS is its own. Prints one JSON line. The other
 * libraries are imported only in their own mode (esbuild splits them into their own
 * chunks), so a run of ours never loads them.
 *
 *   node xlsx-reader-child.js ours|read|exceljs|sheetjs|bomb|tokenize-ours|tokenize-saxes|tokenize-htmlparser2 <file>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSheetChecks } from '../domain/uploads/sheet-checks.js';
import { INFORMATION_CHANGE } from '../domain/uploads/templates/index.js';
import { readXlsx } from '../functions/uploads/xlsx/index.js';
import { fileSource } from './file-source.js';

const [mode, file] = process.argv.slice(2) as [string, string];

async function run(): Promise<Record<string, unknown>> {
  const started = performance.now();
  // the libraries' module loading is part of their cost, as ours is of ours (imported statically)
  if (mode === 'ours' || mode === 'bomb') {
    const checker = startSheetChecks(INFORMATION_CHANGE, { today: '2026-12-01' });
    const outcome = await readXlsx(fileSource(file), (row) => checker.row(row), { firstSheetOnly: true });
    const result = checker.finish();
    return { ms: performance.now() - started, rows: outcome.ok ? outcome.rows : 0, problems: result.problemCount, refused: outcome.ok ? null : outcome.problem.rule };
  }
  if (mode === 'read') {
    // the reader alone, rows handed to nobody: how much of ours is reading, how much checking
    const outcome = await readXlsx(fileSource(file), () => {}, { firstSheetOnly: true });
    return { ms: performance.now() - started, rows: outcome.ok ? outcome.rows : 0 };
  }
  if (mode === 'tokenize-ours') {
    // Our byte tokenizer alone over the same parts, as the reader feeds it: the inflated bytes, undecoded.
    const { openZip } = await import('../functions/uploads/xlsx/zip.js');
    const { xlsxLimits } = await import('../functions/uploads/xlsx/limits.js');
    const { XmlByteScanner } = await import('../functions/uploads/xlsx/xml-bytes.js');
    const zip = await openZip(fileSource(file), xlsxLimits());
    let tags = 0;
    const ignore = () => {};
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
      const scanner = new XmlByteScanner({ open: () => tags++, attribute: ignore, openEnd: ignore, close: ignore, text: ignore });
      await zip.readPart(part, (chunk) => scanner.write(chunk));
      scanner.end();
    }
    zip.close();
    return { ms: performance.now() - started, rows: 0, tags };
  }
  if (mode === 'tokenize-saxes' || mode === 'tokenize-htmlparser2') {
    // The npm tokenizers alone over the same unzipped parts (the sheet and its shared
    // strings), decoded as they need, counting tags: measured beside ours in the same run.
    const { openZip } = await import('../functions/uploads/xlsx/zip.js');
    const { xlsxLimits } = await import('../functions/uploads/xlsx/limits.js');
    const zip = await openZip(fileSource(file), xlsxLimits());
    let tags = 0;
    const write = mode === 'tokenize-saxes' ? await saxesCounter(() => tags++) : await htmlparser2Counter(() => tags++);
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
      const decoder = new TextDecoder('utf-8', { fatal: true });
      await zip.readPart(part, (chunk) => write(decoder.decode(chunk, { stream: true })));
      write(decoder.decode());
    }
    zip.close();
    return { ms: performance.now() - started, rows: 0, tags };
  }
  if (mode === 'exceljs') {
    const { default: ExcelJS } = await import('exceljs');
    let rows = 0;
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ cellCount: number }>) {
        rows++;
        cells += row.cellCount;
      }
    }
    return { ms: performance.now() - started, rows, cells };
  }
  const XLSX = (await import('xlsx')).default; // CommonJS seen through ESM
  const book = XLSX.readFile(file, { dense: true, cellDates: true });
  const sheet = book.Sheets[book.SheetNames[0] as string] as { '!data'?: unknown[][] };
  const rows = (sheet['!data'] ?? []).filter(Boolean).length;
  return { ms: performance.now() - started, rows };
}

async function saxesCounter(onTag: () => void): Promise<(text: string) => void> {
  // CommonJS seen through ESM once bundled: the exports may sit under `default`
  const saxes = (await import('saxes')) as typeof import('saxes') & { default?: typeof import('saxes') };
  const SaxesParser = saxes.default?.SaxesParser ?? saxes.SaxesParser;
  let parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', onTag);
  return (text) => {
    if (text === '') {
      parser.close(); // the end of one part; the next starts afresh
      parser = new SaxesParser({ xmlns: false, position: false });
      parser.on('opentag', onTag);
    } else parser.write(text);
  };
}

async function htmlparser2Counter(onTag: () => void): Promise<(text: string) => void> {
  const { Tokenizer } = await import('htmlparser2');
  const ignore = () => {};
  const callbacks = {
    onopentagname: onTag,
    ...Object.fromEntries(
      ['onattribdata', 'onattribentity', 'onattribend', 'onattribname', 'oncdata', 'onclosetag', 'oncomment', 'ondeclaration', 'onend', 'onopentagend', 'onprocessinginstruction', 'onselfclosingtag', 'ontext', 'ontextentity'].map((k) => [k, ignore]),
    ),
  } as unknown as ConstructorParameters<typeof Tokenizer>[1];
  let tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, callbacks);
  return (text) => {
    if (text === '') {
      tokenizer.end();
      tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, callbacks);
    } else tokenizer.write(text);
  };
}

/**
 * This process's own high-water mark. Not `resourceUsage().maxRSS`: Linux carries the
 * parent's RSS at fork into the child's maxRSS across exec, so a big parent inflates it.
 * VmHWM is the mark of the memory map the process has had since exec.
 */
function peakRssMb(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    if (line) return Number(line.replace(/[^0-9]/g, '')) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const cpuBefore = process.cpuUsage();
const result = await run();
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRssMb() }));
