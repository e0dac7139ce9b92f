/**
 * A student's transcript (成绩单) as an .xlsx, written with exceljs's streaming writer from
 * the transcript its reader may see (domain/academics/transcript.ts): masked grades are
 * written as "***", never looked up again. Only the transcript-export job imports this
 * module: exceljs stays out of every HTTP function.
 *
 * One workbook, headers in both languages ("课程代码 Course code"). Same transcript and
 * request time, same bytes: the document's times and every zip entry's time are the
 * request's (`fixEntryDates`, as the term-end report does), rows in term then course order.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { rowsInTermOrder, type Transcript, type TranscriptRow } from '../../domain/academics/transcript.js';
import { writeTable, type Column } from './sheet-table.js';
import { DATE_TIME, excelShanghaiTime } from './term-report-columns.js';
import { fixEntryDates, WORKBOOK_CREATOR } from './term-report-workbook.js';
import type { Label } from './workbook-labels.js';

/** What stands in a cell whose grade the reader may not see. */
export const MASKED = '***';

const both = (zh: string, en: string): Label => ({ zh: `${zh} ${en}`, en: `${zh} ${en}` });

export const TRANSCRIPT_SHEETS = { results: both('成绩', 'Results'), student: both('学生', 'Student') } as const;

const masked = <T>(row: TranscriptRow, value: (row: TranscriptRow) => T): T | string => (row.score === undefined ? MASKED : value(row));

const resultColumns: readonly Column<TranscriptRow>[] = [
  { header: both('学期', 'Term'), width: 14, value: (r) => r.termId },
  { header: both('课程代码', 'Course code'), width: 18, value: (r) => r.courseCode },
  { header: both('课程名称', 'Course name'), width: 30, value: (r) => r.courseName ?? null },
  { header: both('学分', 'Credits'), width: 10, value: (r) => r.credits ?? null },
  { header: both('成绩', 'Score'), width: 10, value: (r) => masked(r, (x) => x.score!) },
  { header: both('补考成绩', 'Make-up score'), width: 16, value: (r) => masked(r, (x) => x.makeUpScore ?? null) },
  { header: both('是否通过', 'Passed'), width: 14, value: (r) => masked(r, (x) => (x.passed ? '是 yes' : '否 no')) },
  { header: both('更正次数', 'Corrections'), width: 14, value: (r) => masked(r, (x) => x.changes?.length ?? 0) },
];

interface Item {
  readonly key: Label;
  readonly value: string | number | Date | null;
  readonly numFmt?: string;
}

const itemColumns: readonly Column<Item>[] = [
  { header: both('项目', 'Item'), width: 28, value: (i) => i.key.zh },
  { header: both('内容', 'Value'), width: 40, value: (i) => i.value, cellNumFmt: (i) => i.numFmt },
];

const LEVELS: Readonly<Record<string, string>> = { undergraduate: '本科 undergraduate', 'junior-college': '专科 junior college' };
const TYPES: Readonly<Record<string, string>> = { 'open-education': '开放教育 open education', 'one-village-one': '一村一 one village one', zhuli: '助力计划 zhuli', 'open-courses': '课程开放 open courses' };

function studentItems(t: Transcript, requestedAt: string): Item[] {
  const p = t.programme;
  const gradesMasked = t.maskedFields.includes('grades');
  return [
    { key: both('学号', 'Student number'), value: t.studentNumber },
    { key: both('姓名', 'Name'), value: t.name },
    { key: both('班级', 'Class'), value: t.classId },
    { key: both('教学点', 'Site'), value: t.siteId },
    { key: both('专业', 'Major'), value: p === null ? null : `${p.name} (${p.majorId})` },
    { key: both('层次', 'Level'), value: p === null ? null : (LEVELS[p.level] ?? p.level) },
    { key: both('学生类别', 'Student type'), value: p === null ? null : (TYPES[p.studentType] ?? p.studentType) },
    { key: both('年级', 'Grade'), value: p?.grade ?? null },
    { key: both('要求学分', 'Credits required'), value: p?.requiredCredits ?? null },
    { key: both('已获学分', 'Credits earned'), value: t.creditsEarned ?? (gradesMasked ? MASKED : null) },
    { key: both('及格线', 'Pass mark'), value: t.passMark },
    { key: both('导出时间', 'Exported at'), value: excelShanghaiTime(requestedAt), numFmt: DATE_TIME },
    { key: both('屏蔽字段', 'Masked'), value: gradesMasked ? '成绩 grades' : '—' },
  ];
}

/** Writes the workbook to `output`; `requestedAt` stamps the document and its zip entries. */
export async function writeTranscriptWorkbook(transcript: Transcript, requestedAt: string, output: NodeJS.WritableStream): Promise<void> {
  const at = new Date(requestedAt);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output as never, useSharedStrings: false, useStyles: true });
  fixEntryDates(workbook, at);
  Object.assign(workbook, { created: at, modified: at, lastPrinted: at, creator: WORKBOOK_CREATOR, lastModifiedBy: WORKBOOK_CREATOR, title: `成绩单 Transcript ${transcript.studentNumber}`, language: 'zh-CN' });
  await writeTable(workbook, TRANSCRIPT_SHEETS.results, 'zh', resultColumns, rowsInTermOrder(transcript.results));
  await writeTable(workbook, TRANSCRIPT_SHEETS.student, 'zh', itemColumns, studentItems(transcript, requestedAt));
  await workbook.commit();
}

/** The workbook's bytes: a transcript is a few hundred rows at most, small enough to hold. */
export async function transcriptWorkbookBytes(transcript: Transcript, requestedAt: string): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  await writeTranscriptWorkbook(transcript, requestedAt, output);
  await ended;
  return Buffer.concat(chunks);
}
