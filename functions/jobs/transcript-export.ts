/** `transcript-exports` consumer: one transcript workbook (functions/reports/transcript-export-job.ts). */
import { fromEnvironment } from '../composition.js';
import { writeTranscriptExport } from '../reports/transcript-export-job.js';
import type { TranscriptExportMessage } from '../storage/transcript-export-keys.js';
import { bucketClient } from '../storage/s3-client.js';
import { queueConsumer } from './sqs.js';

const dependencies = fromEnvironment();

export const handler = queueConsumer<TranscriptExportMessage>('transcriptExport', async (message) => {
  await writeTranscriptExport(dependencies(), bucketClient('reports'), message);
});
