/**
 * Batches of files sent together to a platform (seed 003 三 学信网退学, 五 学生基本信息修改):
 * declared first (which students the list covers), then their files arrive in any order.
 * Once the list and a file for every declared student have been validated, the batch is
 * cross-checked — each list row matched by its student's file and each file by a row —
 * and again whenever one of its files is validated anew, so the result is always current.
 */
import type { UploadPurpose } from './purposes.js';
import type { Upload } from './upload.js';

export const batchKinds = ['withdrawal', 'information-change'] as const;

/** A batch covers at most this many students (its declaration, and the rows of its list). */
export const maxBatchStudents = 1000;
export type BatchKind = (typeof batchKinds)[number];

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
  readonly classId: string;
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
