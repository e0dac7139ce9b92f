/**
 * A short-lived presigned GET for one file of an issued term-end report: the caller
 * downloads straight from the reports bucket, the function never carries the bytes
 * (a 1,000-class workbook is several MB; a JSON twin ~70 MB, over Lambda's 6 MB answer).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { IssuedReport } from '../../domain/reports/index.js';
import { scopeTag } from '../../domain/reports/index.js';
import type { ReportFile } from './schemas/reports.js';
import type { BucketClient } from '../storage/s3-client.js';

/** How long a download URL works: five minutes, enough to start a download, too short to pass around. */
export const DOWNLOAD_URL_SECONDS = 300;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileOf(report: IssuedReport, file: ReportFile) {
  const base = `${report.termId}-${scopeTag(report.scope)}-r${report.revision}`;
  if (file === 'json') return { key: report.objects.json, fileName: `${base}.json`, contentType: 'application/json; charset=utf-8' };
  const language = file === 'xlsx-zh' ? 'zh' : 'en';
  return { key: report.objects.xlsx[language], fileName: `${base}${language === 'en' ? '-en' : ''}.xlsx`, contentType: XLSX };
}

/**
 * Signs a GET of the file for DOWNLOAD_URL_SECONDS. The signature's date is the system
 * clock's, not the handlers' (shifted locally by `--clock`): S3 and s3rver judge expiry
 * against their own real time.
 */
export async function presignedDownload(reports: BucketClient, report: IssuedReport, file: ReportFile, now: Date = new Date()) {
  const { key, fileName, contentType } = fileOf(report, file);
  // X-Amz-Date has whole seconds: sign at the second so `expiresAt` is the URL's own end.
  const signedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const command = new GetObjectCommand({ Bucket: reports.bucket, Key: key, ResponseContentDisposition: `attachment; filename="${fileName}"` });
  const url = await getSignedUrl(reports.client, command, { expiresIn: DOWNLOAD_URL_SECONDS, signingDate: signedAt });
  return { url, expiresAt: new Date(signedAt.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(), fileName, contentType };
}
