/**
 * The upload validator, invoked by the uploads bucket's ObjectCreated events under
 * `incoming/` (asynchronously: Lambda's retries, then the dead-letter queue and its alarm).
 *
 * For each object: decode the key as S3 encodes it, find the upload, check again what
 * storage says of the object (no POST policy is enforced locally), run the purpose's
 * content check over ranged reads, record the result (once per object: key, ETag and
 * sequencer), copy the object to `accepted/` or `rejected/` (the original stays), and
 * announce the result on the bus.
 */
import { CopyObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { parseIncomingKey, verdictKey } from '../../domain/uploads/naming.js';
import { resultOf } from '../../domain/uploads/upload.js';
import { shanghaiDateOf } from '../../domain/time.js';
import { objectProblems } from '../../domain/uploads/upload.js';
import { purposeRules } from '../../domain/uploads/purposes.js';
import { countsOf, mergedCounts } from '../../domain/uploads/problem-log.js';
import { tenantCodeLists } from '../../domain/uploads/templates/code-lists.js';
import { createDependencies, configFromEnv, type Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { decodeEventKey } from '../storage/s3-event-key.js';
import { bucketClient } from '../storage/s3-client.js';
import { contentChecks, type ContentCheck } from './content-checks.js';
import { studentsOfUpload } from './checks/students-of-upload.js';
import { s3ByteSource } from './s3-byte-source.js';
import { afterValidation } from './after-validation.js';

export const uploadValidatedEvent = 'upload.validated';

export interface ValidatorOptions {
  readonly checks?: Readonly<Record<string, ContentCheck>>;
}

/** Validates one object; returns what happened, for the logs and the tests. */
export async function validateObject(dependencies: Dependencies, object: { key: string; sequencer: string }, options: ValidatorOptions = {}): Promise<'validated' | 'already-validated' | 'superseded' | 'unknown'> {
  const owner = parseIncomingKey(object.key);
  const upload = owner && (await dependencies.uploads.get(owner.tenantId, owner.uploadId));
  if (upload === undefined || upload.key !== object.key) {
    // Nobody asked for this key (or it is not the key handed out): nothing to record, and retrying will not change that.
    logger.warn('object under incoming/ without its upload', { tenantId: owner?.tenantId, uploadId: owner?.uploadId });
    return 'unknown';
  }
  const uploads = bucketClient('uploads');
  const head = await uploads.client.send(new HeadObjectCommand({ Bucket: uploads.bucket, Key: upload.key }));
  const size = head.ContentLength ?? 0;
  const etag = (head.ETag ?? '').replaceAll('"', '');
  const own = objectProblems(upload, { size, contentType: head.ContentType });
  // Only a spreadsheet that will be opened reads students and code lists: an image (named against the roster at presign) costs neither.
  const opensSheet = purposeRules[upload.purpose].kind === 'spreadsheet' && own.length === 0;
  const [roster, configuration] = opensSheet ? await Promise.all([studentsOfUpload(dependencies, upload), dependencies.configuration.get(upload.tenantId)]) : [[], undefined];
  const check = (options.checks ?? contentChecks)[upload.purpose]!;
  // A file refused for its size or type is not opened: its bytes are not what was declared.
  const content = own.length > 0 ? { problems: [] } : await check(s3ByteSource(uploads, upload.key, size, etag), {
    purpose: upload.purpose,
    tenantId: upload.tenantId,
    ...(upload.classId !== undefined ? { classId: upload.classId } : {}),
    ...(upload.termId !== undefined ? { termId: upload.termId } : {}),
    fileName: upload.fileName,
    roster,
    today: shanghaiDateOf(dependencies.clock.now()),
    // The revision in force as the file is checked (the latest saved): its code lists replace the defaults.
    codeLists: tenantCodeLists(configuration?.configuration.uploads),
    annotatedKey: `upload-annotations/${upload.tenantId}/${upload.uploadId}/${etag}.xlsx`,
    inBatch: upload.batchId !== undefined,
  });
  const result = resultOf({
    etag,
    sequencer: object.sequencer,
    size,
    contentType: head.ContentType ?? '',
    validatedAt: dependencies.clock.now().toISOString(),
    problems: [...own, ...content.problems],
    ...(content.problemCount !== undefined ? { problemCount: own.length + content.problemCount } : {}),
    ...(content.problemCounts !== undefined ? { problemCounts: mergedCounts(countsOf(own), content.problemCounts) } : {}),
    ...(content.complete !== undefined ? { complete: content.complete } : {}),
    ...(content.missingCells !== undefined ? { missingCells: content.missingCells, missingCellCount: content.missingCellCount ?? content.missingCells.length } : {}),
    ...(content.annotatedKey !== undefined ? { annotatedKey: content.annotatedKey } : {}),
    ...(content.listedStudents !== undefined ? { listedStudents: content.listedStudents } : {}),
    ...(configuration !== undefined ? { configurationRevision: configuration.revision } : {}),
    copyKeyOf: (verdict) => verdictKey(upload.key, verdict),
  });
  const recorded = await dependencies.uploads.recordResult(upload.tenantId, upload.uploadId, result);
  if (recorded === 'newer-object') return 'superseded';
  // Recorded now or by an earlier delivery that may have stopped before copying: copying again is harmless.
  await uploads.client.send(new CopyObjectCommand({ Bucket: uploads.bucket, Key: result.copyKey, CopySource: `${uploads.bucket}/${encodeURI(upload.key)}`, CopySourceIfMatch: etag }));
  // A delivery cut short after recording may not have cross-checked the batch: that is redone (it is idempotent);
  // the announcement is made once, by the delivery that recorded the result.
  await afterValidation(dependencies, { ...upload, result });
  if (recorded === 'same-object') return 'already-validated';
  await dependencies.messaging.events.publish(uploadValidatedEvent, { tenantId: upload.tenantId, uploadId: upload.uploadId, ...(upload.classId !== undefined ? { classId: upload.classId } : {}), unitId: upload.unitId, purpose: upload.purpose, verdict: result.verdict, problemCount: result.problemCount });
  return 'validated';
}

let dependencies: { key: string; built: Dependencies } | undefined;
const wired = (): Dependencies => {
  const config = configFromEnv();
  const key = JSON.stringify(config);
  if (dependencies?.key !== key) dependencies = { key, built: createDependencies(config) };
  return dependencies.built;
};

export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) continue;
    let key: string;
    try {
      key = decodeEventKey(record.s3.object.key);
    } catch {
      logger.warn('object key is not URL-encoded UTF-8; skipped', { sequencer: record.s3.object.sequencer });
      continue;
    }
    const outcome = await validateObject(wired(), { key, sequencer: record.s3.object.sequencer });
    logger.info('upload validated', { outcome, sequencer: record.s3.object.sequencer });
  }
}
