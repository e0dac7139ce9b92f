/**
 * One upload: requested (a presigned POST handed out), then validated once its object
 * lands. The result is keyed on the object (its key, ETag and S3's sequencer), so events
 * delivered twice or out of order leave one result, the latest object's.
 */
import { bilingual } from '../bilingual.js';
import type { UploadProblem } from './ports.js';
import { countsOf, type ProblemCount } from './problem-log.js';
import { purposeRules, type UploadContentType, type UploadPurpose } from './purposes.js';

/** The JSON result lists the first 1,000 problems; the counts cover them all (issue #12). */
export const maxListedProblems = 1000;
/**
 * A result is one DynamoDB item (400 KB; functions/storage/item-size.ts keeps items under
 * 350 KiB = 358,400 bytes). The listed problems take at most this many bytes of UTF-8 JSON:
 * 1,000 problems of ordinary cells measure about 250 KB, and messages quoting long values
 * could pass the item's size before the count. The rest of the result stays under ~70 KB
 * (1,000 listed students, 50 missing cells, four keys of at most 1,024 bytes, at most 700
 * problem counts of ~55 bytes: `maxColumnsCountedPerRule`), and JSON
 * counts more than DynamoDB does (quotes, commas, digits of numbers), so a result within
 * this budget fits.
 */
export const maxListedProblemBytes = 280_000;
/**
 * Every problem is counted per rule and column in the result, listed or not. A rule found
 * in more columns than the widest template has (24, the 督学统计表; an undeclared column can
 * be any of Excel's 16,384) is counted per rule alone, with how many columns it spans, so
 * that the counts stay whole and the result one item: at most ~28 rules × 25 entries.
 */
export const maxColumnsCountedPerRule = 25;

/** A count of the result: one rule in one column (or the whole sheet), or one rule over `columns` columns. */
export interface ProblemTally {
  readonly rule: string;
  readonly column?: string;
  readonly count: number;
  /** Set when the rule's columns were too many to count one by one: how many columns it was found in. */
  readonly columns?: number;
}

/** Counts per rule and column as stored (see `maxColumnsCountedPerRule`). */
export function tallyOf(counts: readonly ProblemCount[]): ProblemTally[] {
  const rules = new Map<string, ProblemCount[]>();
  for (const c of counts) rules.set(c.rule, [...(rules.get(c.rule) ?? []), c]);
  return [...rules.entries()].flatMap(([rule, entries]) =>
    entries.length <= maxColumnsCountedPerRule ? entries : [{ rule, count: entries.reduce((sum, e) => sum + e.count, 0), columns: entries.length }],
  );
}

/** How long a presigned POST stays usable. */
export const presignSeconds = 300;

export interface UploadResult {
  readonly verdict: 'accepted' | 'rejected';
  /** The object validated: its ETag, and S3's sequencer (orders the events of one key). */
  readonly etag: string;
  readonly sequencer: string;
  readonly size: number;
  readonly contentType: string;
  readonly validatedAt: string;
  readonly problems: readonly UploadProblem[];
  /** Every problem found, listed or not. */
  readonly problemCount: number;
  /** How many are listed (`problems.length`): fewer than `problemCount` when the list stopped (absent on results recorded before it was given). */
  readonly listedProblemCount?: number;
  /** Why the list stopped short of `problemCount`: 1,000 listed, or the next would pass `maxListedProblemBytes`. */
  readonly listingStoppedBy?: 'count' | 'bytes';
  /** Every problem counted per rule and column, listed or not; they add up to `problemCount` (absent on results recorded before it was given). */
  readonly problemCounts?: readonly ProblemTally[];
  /** Where the accepted or rejected copy is, in the uploads bucket. */
  readonly copyKey: string;
  /** 督学统计表: every required cell filled for every student (the spreadsheet check decides). */
  readonly complete?: boolean;
  /** 督学统计表: the first cells missing, and how many in all (CT-SUPERVISION-SHEET names them). */
  readonly missingCells?: readonly MissingCellRef[];
  readonly missingCellCount?: number;
  /** The annotated copy in the reports bucket, when the spreadsheet check wrote one. */
  readonly annotatedKey?: string;
  /** A batch's list: the student numbers its rows name, as the spreadsheet check read them. */
  readonly listedStudents?: readonly string[];
  /** Spreadsheets: the tenant's configuration revision in force when checked, whose code lists were used (absent: none saved, the defaults). */
  readonly configurationRevision?: number;
}

/** A cell a 督学统计表 leaves empty: whose row, which duty (its header), which column. */
export interface MissingCellRef {
  readonly studentNumber: string;
  readonly header: string;
  readonly column: string;
}

export interface Upload {
  readonly tenantId: string;
  readonly uploadId: string;
  readonly purpose: UploadPurpose;
  /** The class uploaded for; absent for a registry table uploaded for the whole unit (`unitScopedPurpose`). */
  readonly classId?: string;
  readonly unitId: string;
  readonly termId?: string;
  /** The student the file is about (forms, photos, evidence), as its name says. */
  readonly studentNumber?: string;
  readonly fileName: string;
  readonly folder?: string;
  readonly key: string;
  readonly declaredSize: number;
  readonly contentType: UploadContentType;
  readonly uploaderId: string;
  readonly requestedAt: string;
  readonly batchId?: string;
  readonly result?: UploadResult;
}

const problem = (rule: string, en: string, zh: string): UploadProblem => ({ rule, message: bilingual(en, zh) });

/**
 * What storage says about the object, checked again: the local S3 enforces no POST policy
 * (STACK.md), and a policy is only as good as the request that was signed.
 */
export function objectProblems(upload: Upload, observed: { readonly size: number; readonly contentType: string | undefined }): UploadProblem[] {
  const rule = purposeRules[upload.purpose];
  const problems: UploadProblem[] = [];
  if (observed.size === 0) problems.push(problem('FILE-EMPTY', 'the file is empty (0 bytes)', '文件为空（0 字节）'));
  if (observed.size > rule.maxBytes) problems.push(problem('FILE-TOO-LARGE', `the file has ${observed.size} bytes; at most ${rule.maxBytes}`, `文件大小为 ${observed.size} 字节，超过上限 ${rule.maxBytes} 字节`));
  if (observed.size !== upload.declaredSize && observed.size > 0) {
    problems.push(problem('FILE-SIZE-CHANGED', `the file has ${observed.size} bytes, not the ${upload.declaredSize} declared`, `文件大小为 ${observed.size} 字节，与申报的 ${upload.declaredSize} 字节不符`));
  }
  if (observed.contentType !== upload.contentType) {
    problems.push(problem('FILE-TYPE-CHANGED', `the file was sent as ${observed.contentType ?? 'no type'}, not ${upload.contentType}`, `文件类型为 ${observed.contentType ?? '无'}，与申报的 ${upload.contentType} 不符`));
  }
  return problems;
}

/**
 * Whose students a spreadsheet's rows may name. The registry's tables (免考信息表,
 * 学生基本信息修改情况统计表) are the unit's — its registrar or director uploads them
 * (domain/access.ts `canUpload`, authority `registry`) — and list students of any class of
 * the unit; the withdrawal list and the 督学统计表 are one class's.
 */
export const rosterScopeOf = (purpose: UploadPurpose): 'class' | 'unit' => (purposeRules[purpose].authority === 'registry' ? 'unit' : 'class');

/** Purposes that may be uploaded for a whole unit rather than one of its classes: the registry's tables, which name students of any class of the unit. */
export const unitScopedPurpose = (purpose: UploadPurpose): boolean => rosterScopeOf(purpose) === 'unit';

/** S3 sequencers are hexadecimal of varying length: compared as numbers, padded to one width. */
export const sequencerOrder = (sequencer: string): string => sequencer.toUpperCase().padStart(32, '0');

const utf8 = new TextEncoder();

/**
 * The problems listed in a result, in order: up to `maxListedProblems`, and only while the
 * JSON of the list stays within `maxListedProblemBytes` (`[`, the problems, a comma between, `]`).
 */
export function listedProblems(problems: readonly UploadProblem[], limits = { count: maxListedProblems, bytes: maxListedProblemBytes }): { listed: UploadProblem[]; stoppedBy?: 'count' | 'bytes' } {
  const listed: UploadProblem[] = [];
  let bytes = 2;
  for (const problem of problems) {
    if (listed.length === limits.count) return { listed, stoppedBy: 'count' };
    const size = utf8.encode(JSON.stringify(problem)).byteLength + (listed.length > 0 ? 1 : 0);
    if (bytes + size > limits.bytes) return { listed, stoppedBy: 'bytes' };
    bytes += size;
    listed.push(problem);
  }
  return { listed };
}

/** The result as stored: the first problems listed within the count and byte bounds, all counted. */
export function resultOf(
  input: Omit<UploadResult, 'verdict' | 'problems' | 'problemCount' | 'listedProblemCount' | 'listingStoppedBy' | 'problemCounts' | 'copyKey' | 'sequencer'> & {
    readonly problems: readonly UploadProblem[];
    readonly problemCount?: number;
    /** Every problem counted per rule and column, when the check counted more than it handed over; else the problems are counted. */
    readonly problemCounts?: readonly ProblemCount[];
    readonly sequencer: string;
    readonly copyKeyOf: (verdict: 'accepted' | 'rejected') => string;
  },
): UploadResult {
  const { problems, copyKeyOf, problemCount, problemCounts, sequencer, ...rest } = input;
  const verdict = problems.length === 0 && (problemCount ?? 0) === 0 ? 'accepted' : 'rejected';
  const all = Math.max(problemCount ?? 0, problems.length);
  const { listed, stoppedBy } = listedProblems(problems);
  // A check that handed over fewer problems than it counted stopped at the count (the sheet checks list 1,000).
  const stopped = stoppedBy ?? (listed.length < all ? 'count' : undefined);
  const counts = tallyOf(problemCounts ?? countsOf(problems));
  return { ...rest, sequencer: sequencerOrder(sequencer), verdict, problems: listed, problemCount: all, listedProblemCount: listed.length, ...(stopped !== undefined ? { listingStoppedBy: stopped } : {}), problemCounts: counts, copyKey: copyKeyOf(verdict) };
}
