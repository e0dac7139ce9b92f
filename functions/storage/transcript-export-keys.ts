/**
 * Where a transcript export lives: its item beside the student's results (owner
 * `class:{classId}`), its workbook under `transcripts/` of the reports bucket (the prefix
 * the export job may write and the transcripts HTTP function may read, their catalog rows).
 * No exceljs here: the HTTP function imports this module.
 */
import type { Transcript } from '../../domain/academics/transcript.js';

export const TRANSCRIPTS_PREFIX = 'transcripts/';

/**
 * A workbook is kept this many days (the reports bucket's lifecycle rule on the prefix,
 * infra/storage.ts). Its download is offered one day less: S3 expires an object at the
 * midnight (UTC) after its age is reached, never sooner, so no link outlives the file.
 */
export const TRANSCRIPT_FILE_DAYS = 7;
export const TRANSCRIPT_DOWNLOAD_DAYS = TRANSCRIPT_FILE_DAYS - 1;

/** Until when a ready export can be collected. */
export const downloadableUntil = (readyAt: string): string => new Date(Date.parse(readyAt) + TRANSCRIPT_DOWNLOAD_DAYS * 86_400_000).toISOString();

export const transcriptExportKeys = {
  export: (studentNumber: string, exportId: string) => `TRANSCRIPT-EXPORT#${studentNumber}#${exportId}`,
} as const;

export const transcriptObjectKey = (tenantId: string, studentNumber: string, exportId: string): string => `${TRANSCRIPTS_PREFIX}${tenantId}/${studentNumber}/${exportId}.xlsx`;

/** The stored export: the transcript as the requester could read it when they asked, and where its workbook is once written. */
export interface TranscriptExportContent {
  readonly status: 'pending' | 'ready';
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly transcript: Transcript;
  /** The grant that revealed the grades, when it did: collecting the file needs it still in force. */
  readonly revealedByGrant?: string;
  readonly objectKey?: string;
  readonly readyAt?: string;
}

/** The `transcript-exports` message: which export to write. */
export interface TranscriptExportMessage {
  readonly tenantId: string;
  readonly classId: string;
  readonly studentNumber: string;
  readonly exportId: string;
}
