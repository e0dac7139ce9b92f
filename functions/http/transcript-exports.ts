/**
 * Transcript exports (成绩单 .xlsx, issue #11): the caller asks (202 with the export's
 * `Location`), the `transcriptExport` job writes the workbook, and the caller polls the
 * export until a short-lived download URL comes with it. exceljs never enters this
 * function: the workbook is written by the job (test/infra/bundling.test.ts).
 *
 * The export holds the transcript exactly as the JSON transcript (`GET …/results`) would
 * answer this caller at the moment they asked, masked alike; a reveal through a grant is
 * logged then, before the grades go into the export. Only the requester collects it, while
 * they may still read the student's results (and the grant that revealed the grades is
 * still in force).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { canCollectTranscriptExport } from '../../domain/access.js';
import { bilingual } from '../../domain/bilingual.js';
import type { StoredFact } from '../../domain/facts.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { downloadableUntil, transcriptExportKeys, type TranscriptExportContent, type TranscriptExportMessage } from '../storage/transcript-export-keys.js';
import { bucketClient } from '../storage/s3-client.js';
import { translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { ForbiddenError } from './kit/problem.js';
import { studentPlace } from './programmes.js';
import { DOWNLOAD_URL_SECONDS } from './report-download.js';
import { exportPath, exportsPath } from './schemas/transcript-exports.js';
import { readTranscript, resultsAccess } from './transcript-reading.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type StoredExport = StoredFact<TranscriptExportContent>;

/** `transcript-{student}-{yyyymmdd of the request, UTC}.xlsx` */
const fileNameOf = (content: TranscriptExportContent) => `transcript-${content.transcript.studentNumber}-${content.requestedAt.slice(0, 10).replace(/-/g, '')}.xlsx`;

/** Signed at the system clock's whole second (S3 and s3rver judge expiry by real time, as report-download.ts explains). */
async function downloadOf(content: TranscriptExportContent, now: Date = new Date()) {
  const reports = bucketClient('reports');
  const signedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const fileName = fileNameOf(content);
  const command = new GetObjectCommand({ Bucket: reports.bucket, Key: content.objectKey!, ResponseContentDisposition: `attachment; filename="${fileName}"` });
  const url = await getSignedUrl(reports.client, command, { expiresIn: DOWNLOAD_URL_SECONDS, signingDate: signedAt });
  return { url, expiresAt: new Date(signedAt.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(), fileName, contentType: XLSX };
}

/** `ready` until its download days are over, `expired` from then on (the record stays: who exported what, and when). */
function statusOf(content: TranscriptExportContent, now: Date): 'pending' | 'ready' | 'expired' {
  if (content.status !== 'ready' || content.readyAt === undefined) return 'pending';
  return now.toISOString() < downloadableUntil(content.readyAt) ? 'ready' : 'expired';
}

const answerOf = (exportId: string, { content }: StoredExport, now: Date) => ({
  exportId,
  studentNumber: content.transcript.studentNumber,
  status: statusOf(content, now),
  requestedAt: content.requestedAt,
  ...(content.readyAt !== undefined ? { readyAt: content.readyAt, downloadableUntil: downloadableUntil(content.readyAt) } : {}),
  maskedFields: [...content.transcript.maskedFields],
});

export const transcriptExportRoutes = {
  'POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports': route({
    schemas: { params: exportsPath },
    handle: async ({ params, principal, path }, dependencies: Dependencies) => {
      const { transcript, revealedByGrant, grantId, schoolClass } = await readTranscript(dependencies, principal, params.tenantId, params.studentNumber);
      const exportId = dependencies.newId();
      const now = dependencies.clock.now().toISOString();
      const fact: StoredExport = {
        tenantId: params.tenantId,
        owner: `class:${schoolClass.classId}`,
        fact: transcriptExportKeys.export(params.studentNumber, exportId),
        content: { status: 'pending', requestedBy: principal.userId, requestedAt: now, transcript, ...(revealedByGrant ? { revealedByGrant: grantId! } : {}) },
        version: 1,
        updatedAt: now,
        updatedBy: principal.userId,
      };
      await translated(Promise.resolve().then(() => dependencies.facts.assertFits(fact)));
      // The grades go into the export now: the reveal is logged before they are stored for the reader.
      if (revealedByGrant) {
        await dependencies.privacy.logReveal({ tenantId: params.tenantId, entryId: dependencies.newId(), at: now, userId: principal.userId, studentNumber: params.studentNumber, fields: ['grades'], grantId: grantId!, route: path });
      }
      await translated(dependencies.facts.put(fact));
      const message: TranscriptExportMessage = { tenantId: params.tenantId, classId: schoolClass.classId, studentNumber: params.studentNumber, exportId };
      await dependencies.messaging.queues.send('transcript-exports', [message]);
      logger.info('transcript export asked for', { classId: schoolClass.classId, exportId });
      return { status: 202, headers: { location: `${path}/${exportId}` }, body: answerOf(exportId, fact, dependencies.clock.now()) };
    },
    // Who reads a student's results turns on stored data (course teachers, grants): checked again before a replay.
    replayAccess: async ({ params, principal }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      const access = await resultsAccess(dependencies, principal, schoolClass, params.studentNumber, dependencies.clock.now());
      if (!access.reads) requireAllowed(access.byWork);
    },
  }),

  'GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}': route({
    schemas: { params: exportPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      const stored = await dependencies.facts.get<TranscriptExportContent>(params.tenantId, `class:${schoolClass.classId}`, transcriptExportKeys.export(params.studentNumber, params.exportId));
      if (stored === undefined) throw notFound('transcript export', params.exportId);
      const access = await resultsAccess(dependencies, principal, schoolClass, params.studentNumber, dependencies.clock.now());
      requireAllowed(canCollectTranscriptExport(principal, stored.content.requestedBy, access.reads));
      if (stored.content.revealedByGrant !== undefined && access.grantId === undefined) {
        throw new ForbiddenError(bilingual('The grant that revealed the grades in this export has ended; ask for a new export.', '该成绩单中的成绩经授权查看，授权已失效；请重新申请导出。'));
      }
      const answer = answerOf(params.exportId, stored, dependencies.clock.now());
      const ready = answer.status === 'ready' && stored.content.objectKey !== undefined;
      return { status: 200, body: { ...answer, ...(ready ? { download: await downloadOf(stored.content) } : {}) } };
    },
  }),
};

export const handler = httpFunction(transcriptExportRoutes, fromEnvironment());
