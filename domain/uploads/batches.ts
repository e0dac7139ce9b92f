/**
 * Batches of files sent together to a platform (seed 003 三 学信网退学, 五 学生基本信息修改):
 * declared first (which students the list covers), then their files arrive in any order.
 * Once the list and a file for every declared student have been validated, the batch is
 * cross-checked — each list row matched by its student's file and each file by a row —
 * and again whenever one of its files is validated anew, so the result is always current.
 *
 * A batch is one class's, or — an information-change batch only — one unit's: the registry
 * sends one 学生基本信息修改情况统计表 per 教学点 naming students of many classes (seed 003
 * 五 (二) 1(2)), while a 学信网退学 list is the class staff's (三). A unit batch's table is
 * uploaded for the unit and each student's evidence under the student's own class.
 */
import type { UploadPurpose } from './purposes.js';
import type { Upload } from './upload.js';

export const batchKinds = ['withdrawal', 'information-change'] as const;

/** A batch covers at most this many students (its declaration, and the rows of its list). */
export const maxBatchStudents = 1000;
export type BatchKind = (typeof batchKinds)[number];

/** Whether a kind of batch may be declared for a whole unit (else per class only). */
export const unitWide: Readonly<Record<BatchKind, boolean>> = { withdrawal: false, 'information-change': true };

/** The list file and the per-student files of each kind of batch. */
export const batchFiles: Readonly<Record<BatchKind, { readonly list: UploadPurpose; readonly perStudent: UploadPurpose }>> = {
  withdrawal: { list: 'withdrawal-list', perStudent: 'withdrawal-form' },
  'information-change': { list: 'change-table', perStudent: 'change-evidence' },
};

export interface CrossCheck {
  readonly checkedAt: string;
  readonly status: 'matched' | 'mismatched';
  /** The list file was refused: its rows cannot be trusted. */
  readonly listRejected: boolean;
  /** Rows (students the list covers) with no accepted file. */
  readonly rowsWithoutFile: readonly string[];
  /** Students with a file but no row. */
  readonly filesWithoutRow: readonly string[];
  /** Rows whose latest file was rejected. */
  readonly rejectedFiles: readonly string[];
}

export interface UploadBatch {
  readonly tenantId: string;
  readonly batchId: string;
  readonly kind: BatchKind;
  /** The class the batch is for; absent for a unit-wide batch, whose students are of any class of `unitId`. */
  readonly classId?: string;
  readonly unitId: string;
  /** The students the list covers, as declared: its rows. */
  readonly studentNumbers: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  /** Grows with every cross-check stored (each store is conditional on the one read). */
  readonly version: number;
  readonly crossCheck?: CrossCheck;
}

/** Per student (or the list), the latest upload: a re-upload replaces what it re-sends. */
function latestBy<K>(uploads: readonly Upload[], keyOf: (upload: Upload) => K): Map<K, Upload> {
  const latest = new Map<K, Upload>();
  for (const upload of [...uploads].sort((a, b) => (a.uploadId < b.uploadId ? -1 : 1))) latest.set(keyOf(upload), upload);
  return latest;
}

/**
 * What the batch still waits for before it can be cross-checked: the list, and every
 * declared student's file, validated. Empty when it can be.
 */
export function awaitedFiles(batch: UploadBatch, uploads: readonly Upload[]): string[] {
  const files = batchFiles[batch.kind];
  const validated = uploads.filter((u) => u.batchId === batch.batchId && u.result !== undefined);
  const awaited: string[] = [];
  if (!validated.some((u) => u.purpose === files.list)) awaited.push(files.list);
  const covered = new Set(validated.filter((u) => u.purpose === files.perStudent).map((u) => u.studentNumber));
  for (const student of batch.studentNumbers) if (!covered.has(student)) awaited.push(`${files.perStudent}:${student}`);
  return awaited;
}

/** The cross-check of a batch whose files have all been validated; undefined while some are awaited. */
export function crossCheck(batch: UploadBatch, uploads: readonly Upload[], now: Date): CrossCheck | undefined {
  if (awaitedFiles(batch, uploads).length > 0) return undefined;
  const files = batchFiles[batch.kind];
  const mine = uploads.filter((u) => u.batchId === batch.batchId && u.result !== undefined);
  const list = latestBy(mine.filter((u) => u.purpose === files.list), () => 'list').get('list')!;
  // Evidence: several files per student (身份证.jpg, 户口本.jpg), each re-sendable; a form: one per student.
  const latestFiles = [...latestBy(mine.filter((u) => u.purpose === files.perStudent), (u) => `${u.studentNumber}/${u.fileName}`).values()];
  // The list's own rows once the spreadsheet check reports them; until then, the students declared.
  const rows = new Set(list.result!.listedStudents ?? batch.studentNumbers);
  const students = new Set(latestFiles.map((u) => u.studentNumber!));
  const rejected = new Set(latestFiles.filter((u) => u.result!.verdict === 'rejected').map((u) => u.studentNumber!));
  const accepted = new Set(latestFiles.filter((u) => u.result!.verdict === 'accepted').map((u) => u.studentNumber!));
  const rowsWithoutFile = [...rows].filter((s) => !accepted.has(s) && !rejected.has(s)).sort();
  const filesWithoutRow = [...students].filter((s) => !rows.has(s)).sort();
  const rejectedFiles = [...rows].filter((s) => rejected.has(s)).sort();
  const listRejected = list.result!.verdict === 'rejected';
  const matched = !listRejected && rowsWithoutFile.length === 0 && filesWithoutRow.length === 0 && rejectedFiles.length === 0;
  return { checkedAt: now.toISOString(), status: matched ? 'matched' : 'mismatched', listRejected, rowsWithoutFile, filesWithoutRow, rejectedFiles };
}

/** Where a student of a declaration belongs: their class and its unit (undefined: no such student). */
export type StudentHome = { readonly classId: string; readonly unitId: string } | undefined;

/**
 * The places (indexes) in a declaration of the students the batch cannot cover: of another
 * class for a class batch, of another unit (or no student at all) for a unit batch.
 */
export function strangersToBatch(batch: Pick<UploadBatch, 'classId' | 'unitId'>, studentNumbers: readonly string[], homeOf: (studentNumber: string) => StudentHome): number[] {
  return studentNumbers.flatMap((number, index) => {
    const home = homeOf(number);
    const belongs = home !== undefined && (batch.classId !== undefined ? home.classId === batch.classId : home.unitId === batch.unitId);
    return belongs ? [] : [index];
  });
}

/** A file asking to join a batch: its purpose, where it was uploaded (a class, or the unit alone), its student. */
export interface BatchFileRequest {
  readonly purpose: UploadPurpose;
  readonly classId?: string;
  readonly unitId: string;
  readonly studentNumber?: string;
}

export interface BatchRefusal {
  readonly field: 'batchId' | 'purpose';
  readonly code: 'upload.unknown-batch' | 'upload.not-in-batch';
  readonly en: string;
  readonly zh: string;
}

/**
 * Whether a file may join the batch (at presign). A class batch takes files of its class.
 * A unit batch takes its list uploaded for the unit (one table for the unit, not one per
 * class) and per-student files only of the students it covers, uploaded under their own
 * class of the unit. Either takes only its kind's two purposes.
 */
export function batchRefusal(batchId: string, batch: UploadBatch | undefined, file: BatchFileRequest): BatchRefusal | undefined {
  const unknown = (en: string, zh: string): BatchRefusal => ({ field: 'batchId', code: 'upload.unknown-batch', en, zh });
  const place = file.classId !== undefined ? { en: `class ${file.classId}`, zh: `班级 ${file.classId}` } : { en: `unit ${file.unitId}`, zh: `单位 ${file.unitId}` };
  const noSuchBatch = unknown(`no batch ${batchId} of ${place.en}`, `${place.zh} 没有批次 ${batchId}`);
  if (batch === undefined) return noSuchBatch;
  if (batch.classId !== undefined ? file.classId !== batch.classId : file.unitId !== batch.unitId) return noSuchBatch;
  const files = batchFiles[batch.kind];
  if (file.purpose !== files.list && file.purpose !== files.perStudent) {
    return { field: 'purpose', code: 'upload.not-in-batch', en: `a ${batch.kind} batch takes ${files.list} and ${files.perStudent} files`, zh: `此批次只接收 ${files.list} 和 ${files.perStudent} 文件` };
  }
  if (batch.classId !== undefined) return undefined;
  if (file.purpose === files.list && file.classId !== undefined) {
    return unknown(`batch ${batch.batchId} is unit ${batch.unitId}'s: its ${files.list} is uploaded for the unit (unitId), not for a class`, `批次 ${batch.batchId} 属于单位 ${batch.unitId}：其 ${files.list} 按单位上传（unitId），不按班级`);
  }
  if (file.purpose === files.perStudent && (file.studentNumber === undefined || !batch.studentNumbers.includes(file.studentNumber))) {
    return unknown(`batch ${batch.batchId} does not cover student ${file.studentNumber ?? '?'}`, `批次 ${batch.batchId} 不包括学生 ${file.studentNumber ?? '?'}`);
  }
  return undefined;
}
