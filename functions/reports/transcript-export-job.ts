/**
 * The transcript-export job (`transcript-exports` consumer): writes the workbook of an
 * export asked for through the API, from the transcript stored with it (already masked as
 * its reader may see it), under `transcripts/` of the reports bucket, then marks the
 * export ready over the version read. A repeated delivery finds it ready and does nothing;
 * one cut short between the upload and the mark writes the same bytes again (the workbook
 * depends on the stored transcript and the request's time only).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { StaleRevisionError } from '../../domain/errors.js';
import type { StoredFact } from '../../domain/facts.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import type { BucketClient } from '../storage/s3-client.js';
import { transcriptExportKeys, transcriptObjectKey, type TranscriptExportContent, type TranscriptExportMessage } from '../storage/transcript-export-keys.js';
import { transcriptWorkbookBytes } from './transcript-workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Who the stored export names as its last writer. */
export const EXPORT_JOB = 'transcript-export-job';

export async function writeTranscriptExport(dependencies: Dependencies, reports: BucketClient, message: TranscriptExportMessage): Promise<'written' | 'ready-already' | 'unknown'> {
  const owner = `class:${message.classId}` as const;
  const key = transcriptExportKeys.export(message.studentNumber, message.exportId);
  const stored = await dependencies.facts.get<TranscriptExportContent>(message.tenantId, owner, key);
  if (stored === undefined) {
    // Nothing to write for: a message naming no export is dropped, not retried.
    logger.warn('transcript export not found', { exportId: message.exportId });
    return 'unknown';
  }
  if (stored.content.status === 'ready') return 'ready-already';
  const objectKey = transcriptObjectKey(message.tenantId, message.studentNumber, message.exportId);
  const bytes = await transcriptWorkbookBytes(stored.content.transcript, stored.content.requestedAt);
  await reports.client.send(new PutObjectCommand({ Bucket: reports.bucket, Key: objectKey, Body: bytes, ContentType: XLSX }));
  const now = dependencies.clock.now().toISOString();
  const ready: StoredFact<TranscriptExportContent> = { ...stored, content: { ...stored.content, status: 'ready', objectKey, readyAt: now }, version: stored.version + 1, updatedAt: now, updatedBy: EXPORT_JOB };
  try {
    await dependencies.facts.put(ready);
  } catch (error) {
    // Another delivery marked it meanwhile: the same bytes are stored, nothing is lost.
    if (error instanceof StaleRevisionError && (await dependencies.facts.get<TranscriptExportContent>(message.tenantId, owner, key))?.content.status === 'ready') return 'ready-already';
    throw error;
  }
  logger.info('transcript export written', { exportId: message.exportId, bytes: bytes.length });
  return 'written';
}
