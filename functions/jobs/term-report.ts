/** `term-reports` consumer: the term-end report of one tenant and term (functions/reports/term-report-job.ts). */
import { fromEnvironment } from '../composition.js';
import { issueTermReports } from '../reports/term-report-job.js';
import type { TermReportMessage } from './term-report-trigger.js';
import { bucketClient } from '../storage/s3-client.js';
import { queueConsumer } from './sqs.js';

const dependencies = fromEnvironment();

export const handler = queueConsumer<TermReportMessage>('termReport', async (message) => {
  await issueTermReports(dependencies(), bucketClient('reports'), message);
});
