/**
 * The content check of the four spreadsheet purposes: our streaming reader
 * (functions/uploads/xlsx) feeds the template's checks (domain/uploads/sheet-checks.ts) row
 * by row, the first sheet only, matched against the students the rows may name (the
 * class's, or the unit's for the registry's tables) and the tenant's code lists. When
 * anything is wrong the workbook is streamed a second time into the annotated copy (every
 * bad cell highlighted and commented), stored in the reports bucket.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startSheetChecks, type RosterLookup, type SheetCheckResult } from '../../../domain/uploads/sheet-checks.js';
import { TEMPLATES, type TemplateId } from '../../../domain/uploads/templates/index.js';
import { bilingual } from '../../../domain/bilingual.js';
import { maxBatchStudents } from '../../../domain/uploads/batches.js';
import type { ByteSource, UploadProblem } from '../../../domain/uploads/ports.js';
import { countsOf, mergedCounts } from '../../../domain/uploads/problem-log.js';
import type { UploadPurpose } from '../../../domain/uploads/purposes.js';
import { xlsxType } from '../../../domain/uploads/purposes.js';
import { bucketClient } from '../../storage/s3-client.js';
import { writeAnnotatedCopy } from '../annotated-copy.js';
import type { ContentCheck, ContentCheckContext, ContentCheckResult } from '../content-checks.js';
import { readXlsx } from '../xlsx/index.js';

const templateOf: Readonly<Partial<Record<UploadPurpose, TemplateId>>> = {
  'withdrawal-list': 'withdrawal-list',
  'change-table': 'information-change',
  'exemption-table': 'exemption',
  'supervision-sheet': 'supervision-sheet',
};

/** The lists whose rows a batch cross-checks against its per-student files. */
const listsOfBatches: ReadonlySet<UploadPurpose> = new Set(['withdrawal-list', 'change-table']);

/** The cells a 督学统计表 misses, as stored on the result: enough to name, bounded. */
export const maxMissingCellsKept = 50;

/** The students the rows may name (the class's, or the unit's), and the class's own for completeness. */
function rosterLookup(context: ContentCheckContext): RosterLookup {
  const byNumber = new Map(context.roster.map((s) => [s.studentNumber, s]));
  const byRegistration = new Map(context.roster.filter((s) => s.registrationNumber !== undefined).map((s) => [s.registrationNumber!, s]));
  return {
    byStudentNumber: (number) => byNumber.get(number),
    byRegistrationNumber: (number) => byRegistration.get(number),
    ...(context.classId !== undefined ? { forClass: { classId: context.classId, students: context.roster.filter((s) => s.classId === context.classId) } } : {}),
  };
}

/** The list's students by student number, each once (a graduate named by registration number is found by it). */
function listedStudentsOf(result: SheetCheckResult, roster: RosterLookup): string[] {
  return [...new Set((result.students ?? []).map(({ number }) => roster.byRegistrationNumber(number)?.studentNumber ?? number))];
}

/** A batch's list naming more students than a batch may cover: refused, its rows not kept (they could not all be cross-checked). */
const tooManyListed = (count: number): UploadProblem => ({
  rule: 'LIST-TOO-MANY-STUDENTS',
  message: bilingual(
    `The list names ${count} students; a batch covers at most ${maxBatchStudents}: split it into batches.`,
    `名单共有 ${count} 名学生，每批最多 ${maxBatchStudents} 名：请分批提交。`,
  ),
});

/**
 * The annotated copy, streamed by exceljs's writer into a file of the function's temporary
 * folder, then stored from the file with its length (the term report's files are stored the
 * same way): the copy is never held whole in memory. Its size is of the order of the
 * original's (the reader takes at most 32 MiB; 100,000 rows with 50,000 comments make a
 * 3.9 MiB copy, bench/README.md), well inside Lambda's 512 MB of /tmp. A single PUT takes up to 5 GB; a multipart upload
 * (@aws-sdk/lib-storage) would spare the disk but add a dependency for nothing this size needs.
 */
async function storeAnnotatedCopy(source: ByteSource, result: SheetCheckResult, key: string): Promise<boolean> {
  const folder = await mkdtemp(join(tmpdir(), 'annotated-copy-'));
  const path = join(folder, 'copy.xlsx');
  const output = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    output.on('close', resolve);
    output.on('error', reject);
  });
  closed.catch(() => undefined); // awaited below when the copy is complete; a copy abandoned earlier has no one waiting
  try {
    const written = await writeAnnotatedCopy(source, result.annotations, output, { firstSheetOnly: true });
    // The second reading failed where the first passed (storage changed under it?): no copy.
    if (!written.ok) return false;
    if (!output.writableEnded) output.end();
    await closed;
    const { size } = await stat(path);
    const reports = bucketClient('reports');
    await reports.client.send(new PutObjectCommand({ Bucket: reports.bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: xlsxType }));
    return true;
  } finally {
    output.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

export const sheetContentCheck: ContentCheck = async (source, context): Promise<ContentCheckResult> => {
  const templateId = templateOf[context.purpose];
  if (templateId === undefined) throw new Error(`no template for the purpose ${context.purpose}`);
  const roster = rosterLookup(context);
  const checker = startSheetChecks(TEMPLATES[templateId], {
    today: context.today,
    ...(context.codeLists !== undefined ? { codeLists: context.codeLists } : {}),
    roster,
    collectStudents: listsOfBatches.has(context.purpose),
  });
  const read = await readXlsx(source, (row) => checker.row(row), { firstSheetOnly: true });
  // A refused workbook (a zip bomb, a damaged or disguised file) has no rows to annotate.
  // Nor is its completeness known: `complete` stays unset, and the sheet is no evidence at all.
  if (!read.ok) return { problems: [read.problem], problemCount: 1 };
  const result = checker.finish();
  const annotated = result.problemCount > 0 && (await storeAnnotatedCopy(source, result, context.annotatedKey));
  const completeness = context.purpose === 'supervision-sheet' ? result.completeness : undefined;
  const listed = listsOfBatches.has(context.purpose) ? listedStudentsOf(result, roster) : undefined;
  // A batch's list is cross-checked with its files, so it may name no more students than a batch covers;
  // a list sent alone is not bound by that, and names its students in the result only as far as a batch would.
  const overlong = listed !== undefined && listed.length > maxBatchStudents && context.inBatch === true ? [tooManyListed(listed.length)] : [];
  const kept = listed !== undefined && listed.length <= maxBatchStudents ? listed : undefined;
  return {
    problems: [...overlong, ...result.problems],
    problemCount: overlong.length + result.problemCount,
    problemCounts: mergedCounts(countsOf(overlong), result.counts),
    ...(annotated ? { annotatedKey: context.annotatedKey } : {}),
    ...(completeness ? { complete: completeness.complete, missingCells: completeness.missingCells.slice(0, maxMissingCellsKept).map(({ studentNumber, header, column }) => ({ studentNumber, header, column })), missingCellCount: completeness.missingCells.length } : {}),
    ...(kept !== undefined ? { listedStudents: kept } : {}),
  };
};
